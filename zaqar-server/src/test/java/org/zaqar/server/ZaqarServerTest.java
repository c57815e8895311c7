package org.zaqar.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.InstantSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zaqar.core.config.ZaqarConfig;
import org.zaqar.core.error.ZaqarException;

/** The wired server over a real socket: start, serve, restart on the same file, stop. */
class ZaqarServerTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private ZaqarConfig config(String bind) {
        return ZaqarConfig.parse("""
                [drivers:transport:wsgi]
                bind = %s
                port = 0
                """.formatted(bind) + SqliteServerConfig.stores(dir));
    }

    private HttpResponse<String> send(String method, String url, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("X-Project-ID", "server-test")
                .header("X-Roles", "admin") // the operator: pools are role:admin in upstream's policy
                .header("Client-ID", "3381af92-2b9e-11e3-b191-71861300734c")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void messagesSurviveARestartOnTheSameSqliteFile() throws Exception {
        String base;
        try (ZaqarServer server = ZaqarServer.start(config("127.0.0.1"), InstantSource.system())) {
            base = "http://127.0.0.1:" + server.port();
            assertEquals(204, send("GET", base + "/v2/ping", null).statusCode());
            assertEquals(201, send("PUT", base + "/v2/queues/kept", null).statusCode());
            assertEquals(201, send("POST", base + "/v2/queues/kept/messages",
                    "{\"messages\":[{\"ttl\":300,\"body\":{\"n\":1}}]}").statusCode());
        }
        try (ZaqarServer server = ZaqarServer.start(config("127.0.0.1"), InstantSource.system())) {
            base = "http://127.0.0.1:" + server.port();
            HttpResponse<String> list = send("GET", base + "/v2/queues/kept/messages?echo=true", null);
            assertEquals(200, list.statusCode());
            assertTrue(list.body().contains("\"n\":1") || list.body().contains("\"n\": 1"), list.body());
        }
    }

    @Test
    void listensOnIpv6Loopback() throws Exception {
        try (ZaqarServer server = ZaqarServer.start(config("::1"), InstantSource.system())) {
            assertEquals(204, send("GET", "http://[::1]:" + server.port() + "/v2/ping", null).statusCode());
        }
    }

    @Test
    void anUnknownStoreNameFailsClearly() {
        ZaqarException e = assertThrows(ZaqarException.class, () -> ZaqarServer.start(
                ZaqarConfig.parse("[drivers]\nmessage_store = cassandra\n"), InstantSource.system()));
        assertTrue(e.getMessage().contains("message_store = 'cassandra': no such storage driver"), e.getMessage());
    }

    @Test
    void pooledServerPlacesQueuesOnTheRegisteredPoolsAndServesV11() throws Exception {
        ZaqarConfig pooled = SqliteServerConfig.on(dir, """
                [DEFAULT]
                admin_mode = true
                pooling = true
                enable_deprecated_api_versions = 1.1
                """);
        try (ZaqarServer server = ZaqarServer.start(pooled, InstantSource.system())) {
            String base = "http://127.0.0.1:" + server.port();
            // No pool and no virtual pool: a new queue has nowhere to go.
            assertEquals(503, send("PUT", base + "/v2/queues/early", null).statusCode());
            String pool = "sqlite:///" + dir.resolve("pool-a.db");
            assertEquals(201, send("PUT", base + "/v2/pools/a", "{\"weight\": 1, \"uri\": \"" + pool + "\"}")
                    .statusCode());
            assertEquals(201, send("PUT", base + "/v1.1/queues/placed", null).statusCode());
            // the wired API (behind the notifier) still reports the pools, as upstream's pooled health does
            String health = send("GET", base + "/v2/health", null).body();
            assertTrue(health.contains("\"catalog_reachable\":true") && health.contains("\"a\":{"), health);
            assertEquals(201, send("POST", base + "/v2/queues/placed/messages",
                    "{\"messages\":[{\"body\":1}]}").statusCode());
            assertEquals(200, send("GET", base + "/v1.1/pools/a", null).statusCode());
            assertEquals(404, send("GET", base + "/v1/queues", null).statusCode());
        }
        try (ZaqarServer server = ZaqarServer.start(config("127.0.0.1"), InstantSource.system())) {
            // The default store never saw the pooled queue.
            String base = "http://127.0.0.1:" + server.port();
            assertTrue(send("GET", base + "/v2/queues/placed/stats", null).body().contains("\"total\":0"));
        }
    }
}
