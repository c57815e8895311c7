package org.zaqar.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Webhook notifications with three API nodes on one store: a stored retry is made by one node
 * only, and the signed confirmation links work through any node.
 */
class NotificationsAcrossNodesTest {
    private static final String STORES = "org.zaqar.server.SharedStore#all";

    /** What the webhook received, in order. */
    private final LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final Map<String, Integer> timesReceived = new ConcurrentHashMap<>();
    private HttpServer hook;

    /**
     * A webhook that answers 500 to the first delivery of each distinct notification when
     * {@code failFirst}, else 204.
     */
    private String startHook(boolean failFirst) throws IOException {
        hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/hook", exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            received.add(body);
            boolean first = timesReceived.merge(body, 1, Integer::sum) == 1;
            exchange.sendResponseHeaders(failFirst && first ? 500 : 204, -1);
            exchange.close();
        });
        hook.start();
        return "http://127.0.0.1:" + hook.getAddress().getPort() + "/hook";
    }

    @AfterEach
    void stopHook() {
        if (hook != null) {
            hook.stop(0);
        }
    }

    /**
     * Messages posted through every node; the first delivery of each fails on its posting node,
     * which stores a retry due a second later, when every node's retry poller looks for it: each
     * retry is made once, not once per node.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource(STORES)
    void aStoredWebhookRetryIsDeliveredOnceNotOncePerNode(SharedStore store) throws Exception {
        String subscriber = startHook(true);
        ProjectClient client = new ProjectClient("retried");
        int posts = 9;
        try (ApiNodes nodes = ApiNodes.start(3, store.open(), SqliteServerConfig.NOTIFIER_PIPELINE,
                InstantSource.system())) {
            // No immediate retries: the one retry before giving up waits a second in the store.
            HttpResponse<String> subscribed = client.send(nodes.port(0), "POST", "/v2/queues/jobs/subscriptions", """
                    {"subscriber": "%s", "ttl": 600, "options": {"_retry_policy": {"retries_with_no_delay": 0,
                     "minimum_delay_retries": 1, "minimum_delay": 1, "maximum_delay": 11,
                     "maximum_delay_retries": 0}}}""".formatted(subscriber));
            assertEquals(201, subscribed.statusCode(), subscribed.body());
            for (int post = 0; post < posts; post++) {
                client.post(nodes.port(post), "jobs", 1, 600 + post); // the ttl tells the notifications apart
            }

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (received.size() < 2 * posts && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            // Every node polls for due retries twice a second: a second delivery would come at once.
            Thread.sleep(3000);
            assertEquals(posts, timesReceived.size(), "distinct notifications " + timesReceived.keySet());
            timesReceived.forEach((notification, times) ->
                    assertEquals(2, times, "a failed first delivery and one retry of " + notification));
        }
    }

    /**
     * With {@code require_confirmation}, a webhook subscribed through node A confirms through
     * node B with the signed link it received, hears of a post through node C, unsubscribes with
     * the same link through node C, and then hears of no more posts.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource(STORES)
    void confirmationAndUnsubscribeLinksWorkThroughAnyNode(SharedStore store) throws Exception {
        String subscriber = startHook(false);
        ProjectClient client = new ProjectClient("confirmed");
        String sections = "[notification]\nrequire_confirmation = true\n[signed_url]\nsecret_key = nodes-share-it\n"
                + SqliteServerConfig.NOTIFIER_PIPELINE;
        try (ApiNodes nodes = ApiNodes.start(3, store.open(), sections, InstantSource.system())) {
            HttpResponse<String> subscribed = client.send(nodes.port(0), "POST", "/v2/queues/news/subscriptions",
                    "{\"subscriber\": \"" + subscriber + "\", \"ttl\": 600}");
            assertEquals(201, subscribed.statusCode(), subscribed.body());
            JsonNode confirmation = ProjectClient.JSON.readTree(received.poll(15, TimeUnit.SECONDS));
            assertEquals("SubscriptionConfirmation", confirmation.path("Message_Type").asText(),
                    confirmation.toString());
            Map<String, String> signed = Map.of(
                    "URL-Signature", confirmation.path("URL-Signature").asText(),
                    "URL-Expires", confirmation.path("URL-Expires").asText(),
                    "URL-Methods", confirmation.path("URL-Methods").asText(),
                    "URL-Paths", confirmation.path("URL-Paths").asText(),
                    "X-Project-ID", confirmation.path("X-Project-ID").asText());
            String link = confirmation.path("URL-Paths").asText();

            HttpResponse<String> confirmed = client.send(nodes.port(1), "PUT", link,
                    confirmation.path("SubscribeBody").toString(), signed);
            assertEquals(204, confirmed.statusCode(), confirmed.body());
            client.post(nodes.port(2), "news", 1, 600);
            String notified = received.poll(15, TimeUnit.SECONDS);
            assertNotNull(notified, "a confirmed subscriber hears of a post through another node");
            assertEquals("Notification", ProjectClient.JSON.readTree(notified).path("Message_Type").asText(), notified);

            HttpResponse<String> unsubscribed = client.send(nodes.port(2), "PUT", link,
                    confirmation.path("UnsubscribeBody").toString(), signed);
            assertEquals(204, unsubscribed.statusCode(), unsubscribed.body());
            JsonNode notice = ProjectClient.JSON.readTree(received.poll(15, TimeUnit.SECONDS));
            assertEquals("UnsubscribeConfirmation", notice.path("Message_Type").asText(), notice.toString());
            client.post(nodes.port(0), "news", 1, 600);
            assertNull(received.poll(1500, TimeUnit.MILLISECONDS), "an unsubscribed webhook hears of no post");
        }
    }
}
