package org.zaqar.api;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zaqar.core.config.TransportLimits;

/** The WebSocket API over a real socket, on the same store as the HTTP API of {@link ApiTestSupport}. */
class WebSocketApiTest extends ApiTestSupport {
    private WebSocketServer sockets;
    private WebSocketClient client;

    @BeforeEach
    void startWebSocket() {
        sockets = new WebSocketServer(settings(), storage, clock, ApiComponents.defaults().withSecurity(security()));
        sockets.start(new WebSocketSettings("127.0.0.1", 0, null, "127.0.0.1", 0));
        client = new WebSocketClient(sockets.port());
    }

    @AfterEach
    void stopWebSocket() {
        client.close();
        sockets.stop();
    }

    private Map<String, String> headers(String projectId) {
        return Map.of("Client-ID", CLIENT_ID, "X-Project-ID", projectId);
    }

    private JsonNode send(String action, Map<String, ?> body) {
        return client.send(action, headers(project), body);
    }

    private static int status(JsonNode frame) {
        return frame.path("headers").path("status").asInt();
    }

    @Test
    void queueMessageAndClaimRoundTrip() {
        JsonNode created = send("queue_create", Map.of("queue_name", "fizbit", "metadata", Map.of("node", 31)));
        assertEquals(201, status(created));
        assertEquals("Queue fizbit created.", created.path("body").asText());
        assertEquals("queue_create", created.path("request").path("action").asText());
        assertEquals("v2", created.path("request").path("api").asText());
        assertEquals(204, status(send("queue_create", Map.of("queue_name", "fizbit"))));
        JsonNode metadata = send("queue_get", Map.of("queue_name", "fizbit"));
        assertEquals(200, status(metadata));
        assertEquals(31, metadata.path("body").path("node").asInt());
        JsonNode listed = send("queue_list", Map.of("detailed", true));
        assertEquals("fizbit", listed.path("body").path("queues").path(0).path("name").asText());
        assertEquals(31, listed.path("body").path("queues").path(0).path("metadata").path("node").asInt());

        JsonNode posted = send("message_post", Map.of("queue_name", "fizbit",
                "messages", List.of(Map.of("body", Map.of("n", 1), "ttl", 300), Map.of("body", 2))));
        assertEquals(201, status(posted));
        List<String> ids = new ArrayList<>();
        posted.path("body").path("message_ids").forEach(id -> ids.add(id.asText()));
        assertEquals(2, ids.size());
        // The HTTP API sees what the WebSocket API posted: one store, one set of rules.
        api().get("/v2/queues/fizbit/messages/" + ids.get(0)).then().statusCode(200);

        JsonNode listing = send("message_list", Map.of("queue_name", "fizbit", "echo", true));
        assertEquals(2, listing.path("body").path("messages").size());
        JsonNode one = send("message_get", Map.of("queue_name", "fizbit", "message_id", ids.get(0)));
        assertEquals(1, one.path("body").path("messages").path("body").path("n").asInt());
        assertEquals(300, one.path("body").path("messages").path("ttl").asInt());
        assertEquals(2, send("message_get_many", Map.of("queue_name", "fizbit", "message_ids", ids))
                .path("body").path("messages").size());

        JsonNode claim = send("claim_create", Map.of("queue_name", "fizbit", "ttl", 120, "limit", 1));
        assertEquals(201, status(claim));
        String claimId = claim.path("body").path("claim_id").asText();
        String claimed = claim.path("body").path("messages").path(0).path("id").asText();
        assertEquals(claimId, claim.path("body").path("messages").path(0).path("claim_id").asText());
        assertEquals(120, send("claim_get", Map.of("queue_name", "fizbit", "claim_id", claimId)).path("body")
                .path("ttl").asInt());
        assertEquals(204, status(send("claim_update", Map.of("queue_name", "fizbit", "claim_id", claimId,
                "ttl", 200))));
        JsonNode refused = send("message_delete", Map.of("queue_name", "fizbit", "message_id", claimed));
        assertEquals(403, status(refused));
        assertEquals(204, status(send("message_delete", Map.of("queue_name", "fizbit", "message_id", claimed,
                "claim_id", claimId))));
        assertEquals(404, status(send("message_get", Map.of("queue_name", "fizbit", "message_id", claimed))));
        assertEquals(204, status(send("claim_delete", Map.of("queue_name", "fizbit", "claim_id", claimId))));

        JsonNode stats = send("queue_get_stats", Map.of("queue_name", "fizbit"));
        assertEquals(200, status(stats));
        assertEquals(1, stats.path("body").path("messages").path("total").asInt());
        JsonNode popped = send("message_delete_many", Map.of("queue_name", "fizbit", "pop", 1));
        assertEquals(200, status(popped));
        assertEquals(1, popped.path("body").path("messages").size());
        assertEquals(204, status(send("queue_delete", Map.of("queue_name", "fizbit"))));
        JsonNode gone = send("queue_get_stats", Map.of("queue_name", "fizbit"));
        assertEquals(404, status(gone));
        assertEquals(0, gone.path("body").path("messages").path("total").asInt());
    }

    @Test
    void malformedRequestsAre400WithUpstreamsErrorBodies() {
        JsonNode badJson = client.sendText("{\"action\": ");
        assertEquals(400, status(badJson));
        assertTrue(badJson.path("body").path("error").asText().startsWith("Can't decode text (JSON) request."));
        assertTrue(badJson.path("request").path("action").isNull());
        assertEquals(0, badJson.path("request").path("headers").size());

        JsonNode notObject = client.sendText("123");
        assertEquals(400, status(notObject));
        assertEquals("Unexpected body type. Expected dict or dict like.", notObject.path("body").path("error").asText());

        JsonNode unknown = send("queue_glorify", Map.of());
        assertEquals(400, status(unknown));
        assertEquals("queue_glorify is not a valid action", unknown.path("body").path("error").asText());

        JsonNode noClientId = client.send("queue_create", Map.of("X-Project-ID", project),
                Map.of("queue_name", "kitkat"));
        assertEquals(400, status(noClientId));
        assertEquals("Schema validation failed.", noClientId.path("body").path("error").asText());
        JsonNode noProject = client.send("queue_list", Map.of("Client-ID", CLIENT_ID), Map.of());
        assertEquals(400, status(noProject));
        JsonNode wrongType = send("message_list", Map.of("queue_name", "kitkat", "limit", "ten"));
        assertEquals("Schema validation failed.", wrongType.path("body").path("error").asText());

        // The same rules as the HTTP API, with upstream's WebSocket error shape.
        JsonNode badName = send("queue_create", Map.of("queue_name", "m@rsb@r"));
        assertEquals(400, status(badName));
        assertEquals("Invalid queue identification", badName.path("body").path("error").asText());
        JsonNode badTtl = send("message_post", Map.of("queue_name", "kitkat",
                "messages", List.of(Map.of("body", 1, "ttl", "200"))));
        assertEquals(400, status(badTtl));
        assertEquals("The value of the \"ttl\" field must be a int.", badTtl.path("body").path("exception").asText());
        JsonNode tooMany = send("queue_list", Map.of("limit", 21));
        assertEquals(400, status(tooMany));
        JsonNode tooMuchMetadata = send("queue_create", Map.of("queue_name", "buttertoffee",
                "metadata", Map.of("padding", "x".repeat(TransportLimits.defaults().maxQueueMetadata()))));
        assertEquals(400, status(tooMuchMetadata));
        // Upstream's queue_get reads a missing queue as empty metadata.
        JsonNode missing = send("queue_get", Map.of("queue_name", "buttertoffee"));
        assertEquals(200, status(missing));
        assertEquals(0, missing.path("body").size());
        JsonNode badClient = client.send("queue_list", Map.of("Client-ID", "", "X-Project-ID", project), Map.of());
        assertEquals(400, status(badClient));
        assertEquals(400, status(client.send("queue_list", Map.of("Client-ID", CLIENT_ID, "X-Project-ID", ""),
                Map.of())));
        // A binary frame that is not MessagePack is answered in binary; the connection stays usable.
        WebSocketClient.Frame binary = client.sendBinary(new byte[] {(byte) 0x81, (byte) 0xa1, 'a'});
        assertTrue(binary.binary());
        assertEquals(400, status(binary.content()));
        assertTrue(binary.content().path("body").path("error").asText()
                .startsWith("Can't decode binary (MessagePack) request."));
        assertEquals(200, status(send("queue_list", Map.of())));
    }

    @Test
    void messagePackFramesAreAnsweredInMessagePackAndSetTheNotificationFormat() throws Exception {
        WebSocketClient.Frame created = client.sendBinary(MessagePack.write(WebSocketClient.request("queue_create",
                headers(project), Map.of("queue_name", "packed"))));
        assertTrue(created.binary());
        assertEquals(201, status(created.content()));
        WebSocketClient.Frame subscribed = client.sendBinary(MessagePack.write(WebSocketClient.request(
                "subscription_create", headers(project), Map.of("queue_name", "packed", "ttl", 600))));
        assertEquals(201, status(subscribed.content()));
        String subscriber = send("subscription_list", Map.of("queue_name", "packed")).path("body")
                .path("subscriptions").path(0).path("subscriber").asText();

        // The subscription was made in binary: notifications come in binary, whatever the later requests.
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(subscriber)).POST(HttpRequest.BodyPublishers
                .ofString("{\"body\": {\"n\": 300}, \"ttl\": 60, \"queue_name\": \"packed\"}")).build(),
                HttpResponse.BodyHandlers.discarding());
        WebSocketClient.Frame notification = client.nextFrame();
        assertTrue(notification.binary());
        assertEquals(300, notification.content().path("body").path("n").asInt());
    }

    @Test
    void policyRulesApplyAsOverHttp() throws Exception {
        Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, "\"messages:create\": \"role:member\"\n\"queues:purge\": \"!\"\n");
        WebSocketServer guarded = new WebSocketServer(settings(), storage, clock, ApiComponents.defaults()
                .withSecurity(new SecuritySettings(null, null, policy, CorsSettings.disabled())));
        guarded.start(new WebSocketSettings("127.0.0.1", 0, null, "127.0.0.1", 0));
        try (WebSocketClient connection = new WebSocketClient(guarded.port())) {
            Map<String, Object> post = Map.of("queue_name", "guarded", "messages", List.of(Map.of("body", 1)));
            JsonNode refused = connection.send("message_post", headers(project), post);
            assertEquals(403, status(refused));
            assertEquals("You are not authorized to complete this action.",
                    refused.path("body").path("exception").asText());
            assertEquals(201, status(connection.send("message_post", Map.of("Client-ID", CLIENT_ID,
                    "X-Project-ID", project, "X-Roles", "member"), post)));
            assertEquals(403, status(connection.send("queue_purge", Map.of("Client-ID", CLIENT_ID,
                    "X-Project-ID", project, "X-Roles", "admin"), Map.of("queue_name", "guarded"))));
            assertEquals(200, status(connection.send("queue_get_stats", headers(project),
                    Map.of("queue_name", "guarded"))));
        } finally {
            guarded.stop();
        }
    }

    @Test
    void eachRequestIsReportedToTheObserverLikeAnHttpRequest() {
        List<String> observed = new CopyOnWriteArrayList<>();
        ApiComponents defaults = ApiComponents.defaults();
        WebSocketServer observedServer = new WebSocketServer(settings(), storage, clock, new ApiComponents(
                defaults.security(), defaults.subscriptionRules(), defaults.events(),
                (method, route, status, nanos) -> observed.add(method + " " + route + " " + status), null,
                defaults.identity()));
        observedServer.start(new WebSocketSettings("127.0.0.1", 0, null, "127.0.0.1", 0));
        try (WebSocketClient connection = new WebSocketClient(observedServer.port())) {
            connection.send("queue_create", headers(project), Map.of("queue_name", "watched"));
            connection.send("queue_glorify", headers(project), Map.of());
            assertEquals(List.of("WEBSOCKET queue_create 201", "WEBSOCKET unmatched 400"), observed);
        } finally {
            observedServer.stop();
        }
    }

    @Test
    void withNoauthTheProjectHeaderDecides() {
        String other = "p-other-" + project;
        assertEquals(201, status(send("queue_create", Map.of("queue_name", "mine", "metadata", Map.of("node", 1)))));
        JsonNode theirs = client.send("queue_list", headers(other), Map.of());
        assertEquals(0, theirs.path("body").path("queues").size());
        JsonNode notTheirs = client.send("queue_get", headers(other), Map.of("queue_name", "mine"));
        assertEquals(200, status(notTheirs));
        assertEquals(0, notTheirs.path("body").size(), "another project reads a missing queue");
        JsonNode ours = client.send("queue_get", headers(project), Map.of("queue_name", "mine"));
        assertEquals(1, ours.path("body").path("node").asInt());
    }

    @Test
    void aConnectionSubscribesAndReceivesNotificationsUntilItCloses() throws Exception {
        JsonNode subscribed = send("subscription_create", Map.of("queue_name", "kitkat", "ttl", 600));
        assertEquals(201, status(subscribed));
        assertEquals("Subscription kitkat created.", subscribed.path("body").path("message").asText());
        String id = subscribed.path("body").path("subscription_id").asText();
        JsonNode subscription = send("subscription_get", Map.of("queue_name", "kitkat", "subscription_id", id));
        String subscriber = subscription.path("body").path("subscriber").asText();
        assertTrue(subscriber.startsWith("http://127.0.0.1:" + sockets.notificationPort() + "/"), subscriber);
        assertEquals(1, send("subscription_list", Map.of("queue_name", "kitkat")).path("body")
                .path("subscriptions").size());

        // What the notifier posts to the subscriber URL arrives in the socket as is.
        String notification = "{\"body\": {\"status\": \"disco queen\"}, \"ttl\": 60, \"queue_name\": \"kitkat\", "
                + "\"Message_Type\": \"Notification\"}";
        HttpResponse<String> delivered = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(subscriber))
                .POST(HttpRequest.BodyPublishers.ofString(notification)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, delivered.statusCode());
        JsonNode pushed = client.next();
        assertEquals("disco queen", pushed.path("body").path("status").asText());
        assertEquals("Notification", pushed.path("Message_Type").asText());

        client.close();
        for (int attempt = 0; attempt < 50 && !api().get("/v2/queues/kitkat/subscriptions").then().extract()
                .jsonPath().getList("subscriptions").isEmpty(); attempt++) {
            Thread.sleep(100);
        }
        api().get("/v2/queues/kitkat/subscriptions").then().statusCode(200)
                .body("subscriptions.size()", equalTo(0));
        client = new WebSocketClient(sockets.port());
    }
}
