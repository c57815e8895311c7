package org.zaqar.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zaqar.core.config.ZaqarConfig;
import org.zaqar.storage.swift.SwiftTestServer;

/**
 * devstack's third storage layout (ZAQAR_BACKEND=swift in upstream's devstack/plugin.sh): pooling
 * with a virtual pool, queues in a SQL management store, messages in Swift. The options are
 * devstack's, but auth_url names the test Swift's tempauth instead of Keystone.
 */
class DevstackSwiftLayoutTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String project = "devstack-swift-" + UUID.randomUUID();

    @TempDir
    Path directory;

    private ZaqarServer start() {
        SwiftTestServer swift = SwiftTestServer.shared();
        return ZaqarServer.start(ZaqarConfig.parse("""
                [DEFAULT]
                pooling = True
                [pooling:catalog]
                enable_virtual_pool = True
                [drivers]
                management_store = sqlalchemy
                message_store = swift
                [drivers:transport:wsgi]
                port = 0
                [drivers:management_store:sqlalchemy]
                uri = sqlite:///%s
                [drivers:message_store:swift]
                auth_url = %s
                uri = swift://%s:%s@/%s
                """.formatted(directory.resolve("zaqar.db"), swift.authUrl(), SwiftTestServer.USER,
                SwiftTestServer.PASSWORD, SwiftTestServer.ACCOUNT)), InstantSource.system());
    }

    private HttpResponse<String> send(ZaqarServer server, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("X-Project-ID", project)
                .header("Client-ID", "3381af92-2b9e-11e3-b191-71861300734c")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theReadmeWalkThroughRunsOnSwift() throws Exception {
        try (ZaqarServer server = start()) {
            assertEquals(201, send(server, "PUT", "/v2/queues/orders", "{\"_default_message_ttl\": 3600}").statusCode());
            HttpResponse<String> posted = send(server, "POST", "/v2/queues/orders/messages",
                    "{\"messages\": [{\"ttl\": 300, \"body\": {\"order\": 1}}, {\"body\": {\"order\": 2}}]}");
            assertEquals(201, posted.statusCode(), posted.body());
            assertEquals(2, JSON.readTree(posted.body()).get("resources").size());

            HttpResponse<String> listed = send(server, "GET", "/v2/queues/orders/messages?echo=true", null);
            assertEquals(200, listed.statusCode(), listed.body());
            JsonNode messages = JSON.readTree(listed.body()).get("messages");
            assertEquals(1, messages.get(0).get("body").get("order").asInt());
            assertEquals(2, messages.get(1).get("body").get("order").asInt());

            HttpResponse<String> claimed = send(server, "POST", "/v2/queues/orders/claims?limit=1",
                    "{\"ttl\": 60, \"grace\": 60}");
            assertEquals(201, claimed.statusCode(), claimed.body());
            JsonNode claimedMessage = JSON.readTree(claimed.body()).get("messages").get(0);
            assertEquals(1, claimedMessage.get("body").get("order").asInt());
            String href = claimedMessage.get("href").asText();
            assertTrue(href.contains("claim_id="), href);

            HttpResponse<String> stats = send(server, "GET", "/v2/queues/orders/stats", null);
            JsonNode counts = JSON.readTree(stats.body()).get("messages");
            assertEquals(1, counts.get("claimed").asInt(), stats.body());
            assertEquals(1, counts.get("free").asInt(), stats.body());

            assertEquals(204, send(server, "DELETE", href, null).statusCode());
            HttpResponse<String> left = send(server, "GET", "/v2/queues/orders/messages?echo=true", null);
            assertEquals(1, JSON.readTree(left.body()).get("messages").size(), left.body());

            assertEquals(204, send(server, "DELETE", "/v2/queues/orders", null).statusCode());
            HttpResponse<String> queues = send(server, "GET", "/v2/queues", null);
            assertEquals(0, JSON.readTree(queues.body()).get("queues").size(), queues.body());
        }
    }
}
