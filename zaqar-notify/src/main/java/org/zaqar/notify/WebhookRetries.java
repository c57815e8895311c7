package org.zaqar.notify;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zaqar.core.log.LogThrottle;
import org.zaqar.core.model.Claim;
import org.zaqar.core.model.ClaimRequest;
import org.zaqar.core.model.Message;
import org.zaqar.core.model.NewMessage;
import org.zaqar.core.storage.MessageStorage;
import org.zaqar.core.validation.SubscriptionRules;

/**
 * Webhook retries that outlive the process: each pending retry is a delayed message in a queue of
 * a project no client can name (the control character cannot travel in an HTTP header), visible
 * when the retry is due. A poller claims due retries, so with several servers each retry is made
 * by one of them; a failed retry is stored again with the next delay of its policy.
 */
final class WebhookRetries implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookRetries.class);
    /** The poll fails on every turn while the store is down: its warning once per interval. */
    private static final LogThrottle OUTAGES = LogThrottle.forOutages();
    static final String PROJECT = "\u001fnotifications";
    static final String QUEUE = "webhook-retries";
    /** A stored retry lives this long after it is due, so a long outage does not lose it at once. */
    private static final int TTL_AFTER_DUE = 86_400;
    private static final int CLAIM_TTL = 120;
    private static final int BATCH = 20;
    private static final long POLL_MILLIS = 500;

    private final MessageStorage storage;
    private final WebhookSender sender;
    private final InstantSource clock;
    private final DeliveryObserver observer;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("zaqar-webhook-retries").factory());

    WebhookRetries(MessageStorage storage, WebhookSender sender, InstantSource clock, DeliveryObserver observer) {
        this.storage = storage;
        this.sender = sender;
        this.clock = clock;
        this.observer = observer;
    }

    void start() {
        poller.scheduleWithFixedDelay(this::pollSafely, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Retries a failed delivery with the given delays: the leading immediate ones right away, the
     * rest through the store.
     */
    void retry(String subscriber, String trustId, String data, Map<String, String> headers, List<Integer> delays) {
        int next = 0;
        while (next < delays.size() && delays.get(next) == 0) {
            if (sender.post(subscriber, trustId, data, headers, true)) {
                return;
            }
            next++;
        }
        store(subscriber, trustId, data, headers, delays.subList(next, delays.size()));
    }

    /** Keeps the trust id, never a token: the retry asks for a fresh one. */
    private void store(String subscriber, String trustId, String data, Map<String, String> headers,
                       List<Integer> delays) {
        if (delays.isEmpty()) {
            LOG.info("Every retry to {} failed; the notification is dropped", subscriber);
            observer.dropped(SubscriptionRules.scheme(subscriber));
            return;
        }
        ObjectNode pending = Notifier.JSON.createObjectNode();
        pending.put("subscriber", subscriber);
        pending.put("trust_id", trustId);
        pending.put("data", data);
        pending.set("headers", Notifier.JSON.valueToTree(headers));
        pending.set("delays", Notifier.JSON.valueToTree(delays));
        int delay = delays.getFirst();
        storage.queues().create(PROJECT, QUEUE, Map.of());
        storage.messages().post(PROJECT, QUEUE, List.of(new NewMessage(pending.toString(), delay + TTL_AFTER_DUE,
                delay, null)), "zaqar-notifier");
    }

    private void pollSafely() {
        try {
            while (pollOnce() > 0) {
                // Keep going while retries are due.
            }
        } catch (RuntimeException e) {
            OUTAGES.permit("poll").ifPresent(held -> LOG.warn("Polling webhook retries failed; will poll again: {}{}",
                    e.toString(), OUTAGES.held(held)));
        }
    }

    /** Makes the retries that are due; returns how many it made. */
    int pollOnce() {
        // A read first: with nothing pending, polling takes no write lock (SQLite has one writer).
        if (!storage.queues().exists(PROJECT, QUEUE) || storage.queues().stats(PROJECT, QUEUE).total() == 0) {
            return 0;
        }
        Claim claim = storage.claims().create(PROJECT, QUEUE, new ClaimRequest(CLAIM_TTL, 0, BATCH));
        for (Message message : claim.messages()) {
            attempt(message.body());
            // Whether or not the claim outlived a slow subscriber: this retry is done.
            storage.messages().bulkDelete(PROJECT, QUEUE, List.of(message.id()), null);
        }
        return claim.messages().size();
    }

    private void attempt(String stored) {
        JsonNode pending;
        try {
            pending = Notifier.JSON.readTree(stored);
        } catch (JsonProcessingException e) {
            LOG.warn("A stored webhook retry is not JSON; dropped");
            return;
        }
        String subscriber = pending.path("subscriber").asText();
        String trustId = pending.path("trust_id").textValue();
        String data = pending.path("data").asText();
        Map<String, String> headers = new LinkedHashMap<>();
        pending.path("headers").properties().forEach(e -> headers.put(e.getKey(), e.getValue().asText()));
        List<Integer> delays = new ArrayList<>();
        pending.path("delays").forEach(d -> delays.add(d.asInt()));
        LOG.debug("Retrying webhook {} at {}", subscriber, clock.instant());
        if (!sender.post(subscriber, trustId, data, headers, true)) {
            store(subscriber, trustId, data, headers, delays.subList(1, delays.size()));
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
        try {
            poller.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
