package org.zaqar.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.InstantSource;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.zaqar.core.config.ZaqarConfig;
import org.zaqar.storage.redis.RedisTestServer;

/**
 * Two API nodes on one Redis, as behind a load balancer: what one node changes, the other
 * honours at once, although each caches the queue metadata its posts are built from.
 */
class TwoNodesOnRedisTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String project = "two-nodes-" + UUID.randomUUID();

    private static ZaqarServer node() {
        String uri = RedisTestServer.sharedUri();
        return ZaqarServer.start(ZaqarConfig.parse("""
                [drivers]
                message_store = redis
                management_store = redis
                [drivers:transport:wsgi]
                port = 0
                [drivers:message_store:redis]
                uri = %s
                [drivers:management_store:redis]
                uri = %s
                """.formatted(uri, uri) + SqliteServerConfig.NOTIFIER_PIPELINE), InstantSource.system());
    }

    private HttpResponse<String> send(ZaqarServer node, String method, String path, String body, String type)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + path))
                .header("X-Project-ID", project)
                .header("Client-ID", "3381af92-2b9e-11e3-b191-71861300734c")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (type != null) {
            request.header("Content-Type", type);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode postOne(ZaqarServer node) throws Exception {
        HttpResponse<String> posted = send(node, "POST", "/v2/queues/shared/messages",
                "{\"messages\": [{\"body\": {\"n\": 1}}]}", "application/json");
        assertEquals(201, posted.statusCode(), posted.body());
        String location = JSON.readTree(posted.body()).get("resources").get(0).asText();
        HttpResponse<String> message = send(node, "GET", location, null, null);
        assertEquals(200, message.statusCode(), message.body());
        return JSON.readTree(message.body());
    }

    @Test
    void aMetadataChangeOnOneNodeAppliesToThePostsOfTheOther() throws Exception {
        try (ZaqarServer a = node(); ZaqarServer b = node()) {
            assertEquals(201, send(a, "PUT", "/v2/queues/shared", "{}", "application/json").statusCode());
            assertEquals(3600, postOne(b).get("ttl").asInt(), "the server's default TTL");

            HttpResponse<String> patched = send(a, "PATCH", "/v2/queues/shared",
                    "[{\"op\": \"add\", \"path\": \"/metadata/_default_message_ttl\", \"value\": 120}]",
                    "application/openstack-messaging-v2.0-json-patch");
            assertEquals(200, patched.statusCode(), patched.body());
            assertEquals(120, postOne(b).get("ttl").asInt(), "node b uses the queue default node a set");

            assertEquals(204, send(a, "DELETE", "/v2/queues/shared", null, null).statusCode());
            assertEquals(3600, postOne(b).get("ttl").asInt(), "a queue deleted on a is created again by b's post");
            HttpResponse<String> queue = send(a, "GET", "/v2/queues/shared", null, null);
            assertEquals(200, queue.statusCode());
            assertEquals(3600, JSON.readTree(queue.body()).path("_default_message_ttl").asInt(), queue.body());
        }
    }

    @Test
    void aWebhookSubscribedThroughOneNodeHearsOfPostsThroughTheOther() throws Exception {
        LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        HttpServer endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        endpoint.createContext("/hook", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        endpoint.start();
        try (ZaqarServer a = node(); ZaqarServer b = node()) {
            postOne(b); // b has seen the queue without subscriptions
            HttpResponse<String> subscribed = send(a, "POST", "/v2/queues/shared/subscriptions",
                    "{\"subscriber\": \"http://127.0.0.1:" + endpoint.getAddress().getPort() + "/hook\", \"ttl\": 600}",
                    "application/json");
            assertEquals(201, subscribed.statusCode(), subscribed.body());
            postOne(b);
            String notification = received.poll(10, TimeUnit.SECONDS);
            assertNotNull(notification, "the webhook heard of the post made through b");
            assertEquals(1, JSON.readTree(notification).path("body").path("n").asInt(), notification);
        } finally {
            endpoint.stop(0);
        }
    }
}
