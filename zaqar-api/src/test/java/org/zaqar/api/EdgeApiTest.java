package org.zaqar.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.zaqar.core.config.ConfigSection;
import org.zaqar.core.config.TransportLimits;

/**
 * The HTTP edge as a careless or hostile client meets it: a post that committed answers 201
 * however many ids its Location lists, X-HTTP-Method-Override changes nothing, HEAD runs the GET's
 * checks. Served over v2, v1.1 and v1, under a policy file.
 */
class EdgeApiTest extends ApiTestSupport {
    private List<String> identity() {
        return List.of("Client-ID: " + CLIENT_ID, "X-Project-ID: " + project, "Content-Type: application/json");
    }

    @Override
    protected ApiSettings settings() {
        return new ApiSettings(TransportLimits.defaults(), false, true, "", List.of("1", "1.1"));
    }

    /** Anyone may read a queue; nobody may delete one. */
    @Override
    protected SecuritySettings security() {
        Path file = dir.resolve("policy.yaml");
        try {
            Files.writeString(file, """
                    "queues:delete": "!"
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SecuritySettings(null, null, file, CorsSettings.disabled());
    }

    /** The most messages a post of {@code maxBytes} can carry: {"body":0} each. */
    private static byte[] largestPost(String prefix, String suffix, String message, int maxBytes) {
        StringBuilder body = new StringBuilder(prefix);
        int overhead = prefix.length() + suffix.length();
        int count = (maxBytes - overhead + 1) / (message.length() + 1);
        for (int i = 0; i < count; i++) {
            body.append(i == 0 ? "" : ",").append(message);
        }
        return body.append(suffix).toString().getBytes(StandardCharsets.UTF_8);
    }

    private void assertPostAnswers201(int port, String path, byte[] body) throws IOException {
        int messages = new String(body, StandardCharsets.UTF_8).split("\"body\"", -1).length - 1;
        RawHttp.Response response = RawHttp.exchange(port, "POST", path, identity(), body);
        assertEquals(201, response.status(), "a post of " + body.length + " bytes: " + response);
        String location = response.header("Location");
        assertNotNull(location, response.headers().toString());
        int ids = location.substring(location.indexOf("?ids=") + 5).split(",").length;
        JsonNode resources = Json.MAPPER.readTree(response.body()).get("resources");
        assertEquals(resources.size(), ids, "every id is in the Location");
        assertEquals(messages, ids, "one id per message posted");
    }

    @Test
    void theLargestPostTheDefaultLimitsAllowAnswers201OnEveryVersion() throws IOException {
        int max = TransportLimits.defaults().maxMessagesPostSize();
        String message = "{\"body\":0}";
        assertPostAnswers201(server.port(), "/v2/queues/big/messages", largestPost("{\"messages\":[", "]}", message, max));
        assertPostAnswers201(server.port(), "/v2/topics/big/messages", largestPost("{\"messages\":[", "]}", message, max));
        assertPostAnswers201(server.port(), "/v1.1/queues/big/messages",
                largestPost("{\"messages\":[", "]}", message, max));
        assertPostAnswers201(server.port(), "/v1/queues/big/messages",
                largestPost("[", "]", "{\"ttl\":60,\"body\":0}", max));
    }

    @Test
    void theLargestPostOverWebSocketAnswers201WithEveryId() {
        WebSocketServer sockets = new WebSocketServer(settings(), storage, clock, ApiComponents.defaults());
        sockets.start(new WebSocketSettings("127.0.0.1", 0, null, "127.0.0.1", 0));
        WebSocketClient client = new WebSocketClient(sockets.port());
        try {
            int count = (TransportLimits.defaults().maxMessagesPostSize() - 100) / "{\"body\":0},".length();
            List<Map<String, Object>> messages = java.util.Collections.nCopies(count, Map.of("body", 0));
            JsonNode answer = client.send("message_post", Map.of("Client-ID", CLIENT_ID, "X-Project-ID", project),
                    Map.of("queue_name", "bigws", "messages", messages));
            assertEquals(201, answer.path("headers").path("status").asInt(), Json.text(answer.path("headers")));
            assertEquals(count, answer.path("body").path("message_ids").size());
        } finally {
            client.close();
            sockets.stop();
        }
    }

    @Test
    void raisedLimitsRaiseTheRoomForTheLocation() throws IOException {
        int max = 4 * TransportLimits.defaults().maxMessagesPostSize();
        ApiSettings raised = new ApiSettings(TransportLimits.from(new ConfigSection("transport",
                Map.of("max_messages_post_size", String.valueOf(max)))), false, true, "", List.of());
        ApiServer other = new ApiServer(raised, storage, clock);
        other.start("127.0.0.1", 0);
        try {
            assertPostAnswers201(other.port(), "/v2/queues/bigger/messages",
                    largestPost("{\"messages\":[", "]}", "{\"body\":0}", max));
        } finally {
            other.stop();
        }
    }

    @Test
    void methodOverrideHeadersAreIgnoredOnEveryVersion() {
        createQueue("kept");
        for (String prefix : List.of("/v2", "/v1.1", "/v1")) {
            String queue = prefix + "/queues/kept";
            int read = api().header("X-HTTP-Method-Override", "DELETE").get(queue).then().extract().statusCode();
            assertTrue(read == 200 || read == 204, prefix + " GET with a DELETE override read the queue: " + read);
            api().get("/v2/queues/kept").then().statusCode(200);
            // Upstream serves no POST on a queue: the override does not make it a PUT.
            api().header("X-HTTP-Method-Override", "PUT").contentType("application/json").body("{}")
                    .post(prefix + "/queues/made").then().statusCode(405);
            List<String> names = api().get("/v2/queues").then().statusCode(200).extract().path("queues.name");
            assertTrue(!names.contains("made"), prefix + " POST with a PUT override created a queue: " + names);
        }
        // The policy sees the request line's method: a read is allowed where a delete is not ...
        api().header("X-HTTP-Method-Override", "DELETE").get("/v2/queues/kept").then().statusCode(200);
        // ... and a delete is refused whatever it claims to be.
        api().header("X-HTTP-Method-Override", "GET").delete("/v2/queues/kept").then().statusCode(403);
        api().get("/v2/queues/kept").then().statusCode(200);
    }

    @Test
    void headRunsTheChecksOfTheGetAndAnswersItsStatusAndHeaders() throws IOException {
        createQueue("q");
        List<String> paths = List.of("/v2/queues/q", "/v2/queues/bad%20name", "/v2/queues/q/stats",
                "/v2/queues/missing/messages/0123456789abcdef01234567", "/v2/queues/q/messages",
                "/v2/queues/q/messages?limit=0", "/v2/queues", "/v2/queues?limit=x", "/v1.1/queues/q/stats",
                "/v1/queues/bad%20name/stats", "/v2/queues/q/subscriptions", "/v2/topics/q/stats");
        for (String path : paths) {
            RawHttp.Response get = RawHttp.exchange(server.port(), "GET", path, identity(), null);
            RawHttp.Response head = RawHttp.exchange(server.port(), "HEAD", path, identity(), null);
            assertEquals(get.status(), head.status(), "HEAD " + path + ": " + head + " GET: " + get);
            assertEquals(get.header("Content-Type"), head.header("Content-Type"), path);
            assertEquals(get.header("Content-Length"), head.header("Content-Length"), path);
        }
        // Without a Client-ID, as the GET.
        assertEquals(400, RawHttp.exchange(server.port(), "HEAD", "/v2/queues/q/messages",
                List.of("X-Project-ID: " + project), null).status());
        bare().header("Client-ID", CLIENT_ID).head("/v2/queues").then().statusCode(400);
    }
}
