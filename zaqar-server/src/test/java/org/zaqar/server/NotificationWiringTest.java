package org.zaqar.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zaqar.core.config.ZaqarConfig;

/** The wired server delivers a posted message to a webhook subscribed over the API. */
class NotificationWiringTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private final LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();

    private HttpServer startHook() throws java.io.IOException {
        HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                received.add(new String(body.readAllBytes(), StandardCharsets.UTF_8));
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        hook.start();
        return hook;
    }

    private ZaqarConfig config(String notification) {
        return SqliteServerConfig.on(dir, SqliteServerConfig.NOTIFIER_PIPELINE + """
                [signed_url]
                secret_key = wiring-key
                [notification]
                max_notifier_workers = 2
                %s
                """.formatted(notification));
    }

    @Test
    void withConfirmationRequiredOnlyAConfirmedWebhookGetsMessages() throws Exception {
        HttpServer hook = startHook();
        try (ZaqarServer server = ZaqarServer.start(config("require_confirmation = true"), InstantSource.system())) {
            String base = "http://127.0.0.1:" + server.port() + "/v2/queues/orders";
            String subscriber = "http://127.0.0.1:" + hook.getAddress().getPort() + "/in";
            assertEquals(201, send("POST", base + "/subscriptions", "{\"subscriber\": \"" + subscriber + "\"}"));
            String confirmation = received.poll(10, TimeUnit.SECONDS);
            assertNotNull(confirmation, "the confirmation request was sent");
            assertTrue(confirmation.contains("\"Message_Type\":\"SubscriptionConfirmation\""), confirmation);
            String path = confirmation.replaceAll(".*\"URL-Paths\":\"([^\"]+)\".*", "$1");
            assertTrue(path.startsWith("/v2/queues/orders/subscriptions/") && path.endsWith("/confirm"), path);

            assertEquals(201, send("POST", base + "/messages", "{\"messages\": [{\"body\": \"early\"}]}"));
            assertEquals(null, received.poll(1500, TimeUnit.MILLISECONDS), "not confirmed yet");
            assertEquals(204, send("PUT", "http://127.0.0.1:" + server.port() + path, "{\"confirmed\": true}"));
            assertEquals(201, send("POST", base + "/messages", "{\"messages\": [{\"body\": \"late\"}]}"));
            String delivered = received.poll(10, TimeUnit.SECONDS);
            assertNotNull(delivered);
            assertTrue(delivered.contains("\"body\":\"late\""), delivered);
        } finally {
            hook.stop(0);
        }
    }

    /**
     * As upstream: the confirm URL signed at subscription expires after the subscription's ttl,
     * the one in the unsubscribe notice after [transport] default_subscription_ttl.
     */
    @Test
    void confirmUrlsExpireAsUpstreamComputesIt() throws Exception {
        HttpServer hook = startHook();
        ZaqarConfig config = config("require_confirmation = true\n[transport]\ndefault_subscription_ttl = 7200");
        try (ZaqarServer server = ZaqarServer.start(config, InstantSource.system())) {
            String base = "http://127.0.0.1:" + server.port() + "/v2/queues/expiring";
            String subscriber = "http://127.0.0.1:" + hook.getAddress().getPort() + "/in";
            Instant before = Instant.now();
            assertEquals(201, send("POST", base + "/subscriptions",
                    "{\"subscriber\": \"" + subscriber + "\", \"ttl\": 600}"));
            JsonNode confirmation = JSON.readTree(received.poll(10, TimeUnit.SECONDS));
            assertExpiresAfter(before, 600, confirmation.get("URL-Expires").asText());

            before = Instant.now();
            assertEquals(204, send("PUT", "http://127.0.0.1:" + server.port() + confirmation.get("URL-Paths").asText(),
                    "{\"confirmed\": false}"));
            JsonNode unsubscribed = JSON.readTree(received.poll(10, TimeUnit.SECONDS));
            assertEquals("UnsubscribeConfirmation", unsubscribed.get("Message_Type").asText());
            assertExpiresAfter(before, 7200, unsubscribed.get("URL-Expires").asText());
        } finally {
            hook.stop(0);
        }
    }

    /** {@code expires} is {@code seconds} after {@code from} (the request took at most a few seconds). */
    private static void assertExpiresAfter(Instant from, int seconds, String expires) {
        long delta = LocalDateTime.parse(expires).toInstant(ZoneOffset.UTC).getEpochSecond()
                - from.getEpochSecond() - seconds;
        assertTrue(delta >= 0 && delta <= 3, "URL-Expires " + expires + " is " + seconds + " s after " + from);
    }

    @Test
    void aMessagePostedOverHttpReachesTheSubscribedWebhookAndIsCounted() throws Exception {
        HttpServer hook = startHook();
        ZaqarConfig config = config("[metrics]\nenabled = true\nport = 0");
        try (ZaqarServer server = ZaqarServer.start(config, InstantSource.system())) {
            String base = "http://127.0.0.1:" + server.port() + "/v2/queues/alerts";
            String subscriber = "http://127.0.0.1:" + hook.getAddress().getPort() + "/in";
            assertEquals(201, send("POST", base + "/subscriptions", "{\"subscriber\": \"" + subscriber + "\"}"));
            assertEquals(201, send("POST", base + "/messages", "{\"messages\": [{\"body\": {\"level\": \"high\"}}]}"));
            String delivered = received.poll(10, TimeUnit.SECONDS);
            assertNotNull(delivered, "the webhook was called");
            assertTrue(delivered.contains("\"level\":\"high\"") && delivered.contains("\"queue_name\":\"alerts\""),
                    delivered);
            String counted = "zaqar_notifications_attempts_total{outcome=\"delivered\",subscriber_type=\"http\"} 1.0";
            String scrape = "";
            for (int tries = 0; tries < 100 && !scrape.contains(counted); tries++) {
                Thread.sleep(50); // the attempt is counted once the webhook has answered
                scrape = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.metricsPort()
                        + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
            }
            assertTrue(scrape.contains(counted), scrape);
        } finally {
            hook.stop(0);
        }
    }

    /**
     * Upstream's [storage] message_pipeline is empty by default: an option file that leaves the
     * notifier out, or says nothing of [storage], notifies nobody. Unknown stages are skipped.
     */
    @Test
    void withoutTheNotifierInTheMessagePipelineNothingIsDelivered() throws Exception {
        HttpServer hook = startHook();
        try {
            for (String storage : new String[] {"", "[storage]\nmessage_pipeline = no.such.stage\n"
                    + "queue_pipeline = zaqar.notification.notifier"}) {
                try (ZaqarServer server = ZaqarServer.start(SqliteServerConfig.on(dir, storage),
                        InstantSource.system())) {
                    String base = "http://127.0.0.1:" + server.port() + "/v2/queues/quiet";
                    String subscriber = "http://127.0.0.1:" + hook.getAddress().getPort() + "/in";
                    assertEquals(201, send("POST", base + "/subscriptions", "{\"subscriber\": \"" + subscriber
                            + "\"}"));
                    assertEquals(201, send("POST", base + "/messages", "{\"messages\": [{\"body\": 1}]}"));
                    assertNull(received.poll(1500, TimeUnit.MILLISECONDS), "nothing delivered with '" + storage
                            + "'");
                    assertEquals(204, send("DELETE", base, ""));
                }
            }
        } finally {
            hook.stop(0);
        }
    }

    private int send(String method, String url, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("X-Project-ID", "wiring-test")
                .header("Client-ID", "3381af92-2b9e-11e3-b191-71861300734c").header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
