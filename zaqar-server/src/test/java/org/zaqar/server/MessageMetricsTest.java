package org.zaqar.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zaqar.core.config.ZaqarConfig;
import org.zaqar.core.testing.ManualClock;

/**
 * Message and store metrics as an operator scrapes them: messages posted, claimed, deleted,
 * dead-lettered and expired through the real server on SQLite, and the store calls behind them.
 */
class MessageMetricsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ManualClock clock = new ManualClock();
    private String api;

    @TempDir
    Path dir;

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : api + path))
                .header("X-Project-ID", "metrics-test")
                .header("Client-ID", "3381af92-2b9e-11e3-b191-71861300734c")
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode claim(String queue, int limit) throws Exception {
        HttpResponse<String> claim = send("POST", "/v2/queues/" + queue + "/claims?limit=" + limit,
                "{\"ttl\": 60, \"grace\": 60}");
        assertTrue(claim.statusCode() == 201 || claim.statusCode() == 204, claim.toString());
        return claim.statusCode() == 204 ? JSON.createArrayNode() : JSON.readTree(claim.body()).path("messages");
    }

    /** The value of one sample of the scrape, e.g. {@code zaqar_messages_posted_total}. */
    private static double sample(String scrape, String series) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
        assertTrue(matcher.find(), series + " in\n" + scrape);
        return Double.parseDouble(matcher.group(1));
    }

    @Test
    void messagesAndStoreCallsAreCounted() throws Exception {
        ZaqarConfig config = SqliteServerConfig.on(dir, """
                [metrics]
                enabled = true
                port = 0
                """);
        try (ZaqarServer server = ZaqarServer.start(config, clock)) {
            api = "http://127.0.0.1:" + server.port();
            String metrics = "http://127.0.0.1:" + server.metricsPort() + "/metrics";
            String three = "{\"messages\": [{\"ttl\": 60, \"body\": 1}, {\"ttl\": 60, \"body\": 2},"
                    + " {\"ttl\": 60, \"body\": 3}]}";
            assertEquals(201, send("POST", "/v2/queues/work/messages", three).statusCode());
            JsonNode claimed = claim("work", 2);
            assertEquals(2, claimed.size());
            String claimedHref = claimed.get(0).path("href").asText();
            assertEquals(403, send("DELETE", claimedHref.substring(0, claimedHref.indexOf('?')), null).statusCode(),
                    "a claimed message needs its claim id");
            assertEquals(204, send("DELETE", claimedHref, null).statusCode());

            // Claimed once, a message of "jobs" goes to "dead" on its next claim.
            assertEquals(201, send("PUT", "/v2/queues/jobs",
                    "{\"_max_claim_count\": 1, \"_dead_letter_queue\": \"dead\"}").statusCode());
            assertEquals(201, send("POST", "/v2/queues/jobs/messages",
                    "{\"messages\": [{\"ttl\": 60, \"body\": 4}]}").statusCode());
            assertEquals(1, claim("jobs", 5).size());
            clock.advanceSeconds(61); // the claim expires
            assertEquals(0, claim("jobs", 5).size());

            String scrape = send("GET", metrics, null).body();
            assertEquals(4, sample(scrape, "zaqar_messages_posted_total"));
            assertEquals(3, sample(scrape, "zaqar_messages_claimed_total"));
            assertEquals(1, sample(scrape, "zaqar_messages_deleted_total"));
            assertEquals(1, sample(scrape, "zaqar_messages_dead_lettered_total"));
            assertEquals(0, sample(scrape, "zaqar_messages_expired_total"));
            assertEquals(2, sample(scrape,
                    "zaqar_store_operations_seconds_count{op=\"post_messages\",store=\"sqlalchemy\"}"));
            assertEquals(3, sample(scrape,
                    "zaqar_store_operations_seconds_count{op=\"create_claim\",store=\"sqlalchemy\"}"));
            assertTrue(scrape.contains("zaqar_store_operations_seconds_count{op=\"delete_message\""), scrape);
            assertFalse(scrape.contains("zaqar_store_errors_total{"), "answers such as MESSAGE_IS_CLAIMED are no "
                    + "store errors:\n" + scrape);

            // Everything left expires; the server's next garbage collection pass counts it.
            clock.advanceSeconds(600);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            double expired = 0;
            while (expired < 3 && System.nanoTime() < deadline) {
                Thread.sleep(200);
                expired = sample(send("GET", metrics, null).body(), "zaqar_messages_expired_total");
            }
            assertEquals(3, expired, "two left in work, one in dead");
        }
    }
}
