package org.zaqar.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.zaqar.core.model.NewMessage;
import org.zaqar.core.storage.NamespacedTopicStore;

/** Messages posted to queues and topics reach real webhook endpoints, with upstream's options. */
class WebhookDeliveryTest extends NotifierTestSupport {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration QUIET = Duration.ofMillis(1500);

    private void post(String queue, String body) {
        storage.queues().create("p", queue, Map.of());
        storage.messages().post("p", queue, List.of(new NewMessage(body, 300, 0, null)), "client");
    }

    @Test
    void aPostedMessageIsDeliveredWithTemplateAndHeaders() throws Exception {
        storage.subscriptions().create("p", "q", hooks.url("/hook"), 600, Map.of(
                "post_data", "{\"wrapped\": \"$zaqar_message$\", \"fixed\": 1}",
                "post_headers", Map.of("X-Token", "secret")));
        post("q", "{\"event\": \"created\"}");
        HookServer.Received request = hooks.next(WAIT);
        assertNotNull(request, "the webhook was called");
        assertEquals("/hook", request.path());
        assertEquals("secret", request.header("X-Token"));
        assertEquals("application/json", request.header("Content-Type"));
        JsonNode body = Notifier.JSON.readTree(request.body());
        assertEquals(1, body.get("fixed").asInt());
        assertEquals("created", body.at("/wrapped/body/event").asText());
        assertEquals("q", body.at("/wrapped/queue_name").asText());
        assertEquals(300, body.at("/wrapped/ttl").asInt());
        assertEquals("Notification", body.at("/wrapped/Message_Type").asText());
    }

    /** As upstream's posted messages: "delay" is there only when the queue has a default delay. */
    @Test
    void theDelayIsNotifiedWhenTheQueueHasADefaultDelay() throws Exception {
        storage.subscriptions().create("p", "plain", hooks.url("/plain"), 600, Map.of());
        post("plain", "{}");
        assertTrue(Notifier.JSON.readTree(hooks.next(WAIT).body()).path("delay").isMissingNode());
        storage.subscriptions().create("p", "slow", hooks.url("/slow"), 600, Map.of());
        storage.queues().create("p", "slow", Map.of("_default_message_delay", 30));
        storage.messages().post("p", "slow", List.of(new NewMessage("{}", 300, 5, null)), "client");
        JsonNode body = Notifier.JSON.readTree(hooks.next(WAIT).body());
        assertEquals(5, body.get("delay").asInt(), body.toString());
        List<String> fields = new java.util.ArrayList<>();
        body.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("ttl", "body", "delay", "Message_Type", "queue_name"), fields);
    }

    @Test
    void topicMessagesReachTopicSubscribersOnly() throws Exception {
        storage.subscriptions().create(NamespacedTopicStore.topicProject("p"), "news", hooks.url("/topic"), 600,
                Map.of());
        storage.subscriptions().create("p", "news", hooks.url("/queue"), 600, Map.of());
        storage.topics().create("p", "news", Map.of());
        storage.topics().messages().post("p", "news", List.of(new NewMessage("{\"n\": 1}", 60, 0, null)), "c");
        HookServer.Received request = hooks.next(WAIT);
        assertEquals("/topic", request.path());
        assertEquals(1, Notifier.JSON.readTree(request.body()).at("/body/n").asInt());
        assertNull(hooks.next(QUIET));
    }

    @Test
    void expiredSubscriptionsAreNotNotified() throws Exception {
        storage.subscriptions().create("p", "q", hooks.url("/short"), 60, Map.of());
        storage.subscriptions().create("p", "q", hooks.url("/long"), 600, Map.of());
        clock.advanceSeconds(60);
        post("q", "{}");
        assertEquals("/long", hooks.next(WAIT).path());
        assertNull(hooks.next(QUIET));
    }

    @Test
    void failedDeliveriesAreRetriedOnThePolicysScheduleEvenAcrossARestart() throws Exception {
        hooks.failFirst(4);
        Map<String, Object> policy = Map.of("retries_with_no_delay", 2, "minimum_delay_retries", 1,
                "minimum_delay", 10, "maximum_delay", 20, "maximum_delay_retries", 1);
        storage.subscriptions().create("p", "q", hooks.url("/flaky"), 600, Map.of("_retry_policy", policy));
        post("q", "{\"n\": 7}");
        for (int attempt = 1; attempt <= 3; attempt++) { // the first try and two immediate retries
            assertNotNull(hooks.next(WAIT), "attempt " + attempt);
        }
        awaitStoredRetry();
        stopNotifier(); // the pending retry is in the store, not in this notifier
        startNotifier();
        clock.advanceSeconds(9);
        assertNull(hooks.next(QUIET), "nothing before minimum_delay");
        clock.advanceSeconds(1);
        assertNotNull(hooks.next(WAIT), "the minimum-delay retry (fails)");
        awaitStoredRetry();
        clock.advanceSeconds(9);
        assertNull(hooks.next(QUIET), "the linear backoff starts at minimum_delay");
        clock.advanceSeconds(1);
        HookServer.Received delivered = hooks.next(WAIT);
        assertNotNull(delivered, "the first backoff retry succeeds");
        assertEquals(7, Notifier.JSON.readTree(delivered.body()).at("/body/n").asInt());
        clock.advanceSeconds(600);
        assertNull(hooks.next(QUIET), "no retry after success");
    }

    /** Waits until exactly one retry is pending in the store (it is stored after the failed answer). */
    private void awaitStoredRetry() throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (raw.queues().exists(WebhookRetries.PROJECT, WebhookRetries.QUEUE)) {
                var stats = raw.queues().stats(WebhookRetries.PROJECT, WebhookRetries.QUEUE);
                if (stats.total() == 1 && stats.claimed() == 0) { // the retry made is deleted too
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no retry was stored");
    }

    @Test
    void theQueuesPolicyWinsWhenItIgnoresSubscriptionOverrides() throws Exception {
        hooks.failFirst(1);
        storage.queues().create("p", "q", Map.of("_retry_policy", Map.of("retries_with_no_delay", 0,
                "minimum_delay_retries", 1, "minimum_delay", 30, "maximum_delay", 60,
                "ignore_subscription_override", true)));
        storage.subscriptions().create("p", "q", hooks.url("/hook"), 600,
                Map.of("_retry_policy", Map.of("retries_with_no_delay", 3)));
        storage.messages().post("p", "q", List.of(new NewMessage("{}", 300, 0, null)), "client");
        assertNotNull(hooks.next(WAIT));
        awaitStoredRetry();
        assertNull(hooks.next(QUIET), "no immediate retry");
        clock.advanceSeconds(30);
        assertNotNull(hooks.next(WAIT));
        assertTrue(hooks.pending() == 0);
    }
}
