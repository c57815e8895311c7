package org.zaqar.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zaqar.core.config.ConfigSection;
import org.zaqar.core.config.TransportLimits;
import org.zaqar.core.config.ZaqarConfig;
import org.zaqar.core.storage.MessageStorage;
import org.zaqar.core.storage.StorageContext;
import org.zaqar.core.storage.StorageDriver;

/**
 * The WebSocket API with {@code auth_strategy = keystone} against a real Keystone: a connection
 * authenticates with a token, then acts in that token's project only; naming another project is
 * refused and reaches nothing of it (upstream let the X-Project-ID header decide).
 */
class WebSocketKeystoneTest {
    private static final String CLIENT_ID = "3381af92-2b9e-11e3-b191-71861300734c";
    private static final String SERVICE_PASSWORD = "zaqar-service-secret";
    private static final String SIGNING_KEY = "signing-key";
    private static final Duration TOKEN_LIFETIME = Duration.ofSeconds(15);

    private static KeystoneServer keystone;
    private static MessageStorage storage;
    private static WebSocketServer server;
    private static String projectA;
    private static String projectB;
    private WebSocketClient client;

    @BeforeAll
    static void startKeystoneAndZaqar() throws Exception {
        if (!KeystoneServer.isInstalled()) {
            assertTrue(!KeystoneServer.isRequired(), "ZAQAR_TEST_REQUIRE_KEYSTONE=1 but keystone is not installed");
            Assumptions.abort("keystone is not installed (apt-get install keystone)");
        }
        Path dir = Files.createTempDirectory("zaqar-websocket-keystone-test");
        keystone = KeystoneServer.start(dir.resolve("keystone"), TOKEN_LIFETIME);
        String service = keystone.createProject("service");
        keystone.grant(service, keystone.createUser("zaqar", SERVICE_PASSWORD), "admin");
        projectA = keystone.createProject("project-a");
        projectB = keystone.createProject("project-b");
        keystone.grant(projectA, keystone.createUser("member-a", "pw-a"), "member");
        keystone.grant(projectB, keystone.createUser("member-b", "pw-b"), "member");

        StorageDriver driver = ServiceLoader.load(StorageDriver.class).stream().map(ServiceLoader.Provider::get)
                .filter(d -> d.name().equals("sqlalchemy")).findFirst().orElseThrow();
        storage = driver.openMessageStore(new StorageContext(new ConfigSection("drivers:message_store:sqlalchemy",
                Map.of("uri", "sqlite:///" + dir.resolve("zaqar.db"))), ZaqarConfig.empty(), InstantSource.system()));
        KeystoneSettings settings = new KeystoneSettings("http://keystone.example.org:5000", keystone.url() + "/v3",
                "zaqar", SERVICE_PASSWORD, "service", "Default", "Default", Duration.ofSeconds(300),
                Duration.ofSeconds(10));
        server = new WebSocketServer(new ApiSettings(TransportLimits.defaults(), false, false, "keystone"), storage,
                InstantSource.system(), ApiComponents.defaults().withSecurity(
                        new SecuritySettings(settings, SIGNING_KEY, null, CorsSettings.disabled())));
        server.start(new WebSocketSettings("127.0.0.1", 0, null, "127.0.0.1", 0));
    }

    @AfterAll
    static void stopAll() {
        if (server != null) {
            server.stop();
        }
        if (storage != null) {
            storage.close();
        }
        if (keystone != null) {
            keystone.close();
        }
    }

    @BeforeEach
    void connect() {
        client = new WebSocketClient(server.port());
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    private static Map<String, String> headers(String project) {
        return Map.of("Client-ID", CLIENT_ID, "X-Project-ID", project);
    }

    private static int status(JsonNode frame) {
        return frame.path("headers").path("status").asInt();
    }

    private static JsonNode authenticate(WebSocketClient connection, String token, String project) {
        return connection.send("authenticate", Map.of("X-Auth-Token", token, "X-Project-ID", project), Map.of());
    }

    @Test
    void nothingIsServedBeforeAuthentication() {
        JsonNode refused = client.send("queue_list", headers(projectA), Map.of());
        assertEquals(403, status(refused));
        assertEquals("Not authentified.", refused.path("body").path("error").asText());
    }

    @Test
    void aRefusedTokenIs401AndTheConnectionMayAuthenticateAgain() {
        JsonNode failed = authenticate(client, "garbage-token", projectA);
        assertEquals(401, status(failed));
        assertEquals("Authentication failed.", failed.path("body").path("error").asText());
        assertEquals("authenticate", failed.path("request").path("action").asText());
        assertEquals(403, status(client.send("queue_list", headers(projectA), Map.of())));

        JsonNode passed = authenticate(client, keystone.token("member-a", "pw-a", "project-a"), projectA);
        assertEquals(200, status(passed));
        assertEquals("Authentified.", passed.path("body").path("message").asText());
        assertEquals(200, status(client.send("queue_list", headers(projectA), Map.of())));
    }

    @Test
    void anAuthenticatedConnectionCannotActOnAnotherProjectByNamingIt() {
        try (WebSocketClient other = new WebSocketClient(server.port())) {
            assertEquals(200, status(authenticate(other, keystone.token("member-b", "pw-b", "project-b"), projectB)));
            assertEquals(201, status(other.send("message_post", headers(projectB), Map.of("queue_name", "only-in-b",
                    "messages", List.of(Map.of("body", "secret of b"))))));

            assertEquals(200, status(authenticate(client, keystone.token("member-a", "pw-a", "project-a"), projectA)));
            for (Map.Entry<String, Map<String, Object>> request : Map.<String, Map<String, Object>>of(
                    "queue_list", Map.of(),
                    "message_list", Map.of("queue_name", "only-in-b", "echo", true),
                    "queue_get_stats", Map.of("queue_name", "only-in-b"),
                    "message_delete_many", Map.of("queue_name", "only-in-b", "pop", 1),
                    "queue_delete", Map.of("queue_name", "only-in-b")).entrySet()) {
                JsonNode refused = client.send(request.getKey(), headers(projectB), request.getValue());
                assertEquals(403, status(refused), request.getKey());
                assertEquals("Not authorized", refused.path("body").path("error").asText());
            }
            // Project A's own view: B's queue is not there.
            assertEquals(0, client.send("queue_list", headers(projectA), Map.of()).path("body").path("queues").size());

            // B's data is untouched.
            JsonNode stats = other.send("queue_get_stats", headers(projectB), Map.of("queue_name", "only-in-b"));
            assertEquals(1, stats.path("body").path("messages").path("total").asInt());
        }
    }

    @Test
    void aPreSignedUrlServesExactlyItsRouteWithoutAuthentication() {
        List<String> paths = List.of("/v2/queues/shared/messages");
        SignedUrls.Signed signed = SignedUrls.create(SIGNING_KEY, paths, projectA, null, List.of("GET"), Instant.now());
        Map<String, Object> headers = Map.of("Client-ID", CLIENT_ID, "X-Project-ID", projectA,
                "URL-Signature", signed.signature(), "URL-Expires", signed.expires(), "URL-Methods", List.of("GET"),
                "URL-Paths", paths);
        assertEquals(200, status(client.send("message_list", headers, Map.of("queue_name", "shared"))));
        assertEquals(403, status(client.send("message_list", headers, Map.of("queue_name", "other"))));
        assertEquals(403, status(client.send("message_post", headers, Map.of("queue_name", "shared",
                "messages", List.of(Map.of("body", 1))))));
        Map<String, Object> forged = new HashMap<>(headers);
        forged.put("X-Project-ID", projectB);
        assertEquals(403, status(client.send("message_list", forged, Map.of("queue_name", "shared"))));
    }

    @Test
    void theConnectionClosesWhenItsTokenExpires() throws InterruptedException {
        assertEquals(200, status(authenticate(client, keystone.token("member-a", "pw-a", "project-a"), projectA)));
        assertEquals(4003, client.closeCode(TOKEN_LIFETIME.plusSeconds(5)));
        client = new WebSocketClient(server.port());
    }
}
