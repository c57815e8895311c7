package org.zaqar.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.InstantSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zaqar.core.config.ZaqarConfig;

/** Prometheus metrics on their own port, by route template and status, with JVM metrics. */
class MetricsTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url))
                .header("X-Project-ID", "metrics-test")
                .header("Client-ID", "3381af92-2b9e-11e3-b191-71861300734c").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void metricsEndpointCountsRequestsByRouteAndStatus() throws Exception {
        ZaqarConfig config = SqliteServerConfig.on(dir, """
                [metrics]
                enabled = true
                port = 0
                """);
        try (ZaqarServer server = ZaqarServer.start(config, InstantSource.system())) {
            String api = "http://127.0.0.1:" + server.port();
            assertEquals(204, get(api + "/v2/ping").statusCode());
            assertEquals(204, get(api + "/v2/ping").statusCode());
            assertEquals(404, get(api + "/v2/queues/nothing-here/messages/0123456789abcdef01234567").statusCode());
            assertEquals(404, get(api + "/metrics").statusCode(), "metrics never on the API port");

            HttpResponse<String> metrics = get("http://127.0.0.1:" + server.metricsPort() + "/metrics");
            assertEquals(200, metrics.statusCode());
            String text = metrics.body();
            assertTrue(text.contains("zaqar_api_requests_seconds_count{method=\"GET\",route=\"/v2/ping\","
                    + "status=\"204\"} 2"), text);
            assertTrue(text.contains("route=\"/v2/queues/{queue_name}/messages/{message_id}\",status=\"404\""),
                    text);
            // Histogram buckets, so that Prometheus computes percentiles (histogram_quantile).
            assertTrue(text.contains("zaqar_api_requests_seconds_bucket{method=\"GET\",route=\"/v2/ping\","
                    + "status=\"204\",le=\"+Inf\"} 2"), text);
            assertTrue(text.contains("zaqar_store_operations_seconds_bucket{"), text);
            assertTrue(text.contains("jvm_memory_used_bytes"), text);
            assertTrue(text.contains("jvm_threads_live_threads"), text);
        }
    }

    @Test
    void metricsAreOffByDefault() throws Exception {
        try (ZaqarServer server = ZaqarServer.start(SqliteServerConfig.on(dir, ""), InstantSource.system())) {
            assertEquals(-1, server.metricsPort());
        }
    }
}
