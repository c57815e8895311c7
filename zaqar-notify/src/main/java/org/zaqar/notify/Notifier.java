package org.zaqar.notify;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zaqar.core.error.ErrorCode;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.core.model.NewMessage;
import org.zaqar.core.model.Page;
import org.zaqar.core.model.Subscription;
import org.zaqar.core.notify.IdentityService;
import org.zaqar.core.notify.SubscriptionEvents;
import org.zaqar.core.storage.MessageStorage;
import org.zaqar.core.validation.SubscriptionRules;

/**
 * Delivers every message posted to a queue or topic to each live subscriber (confirmed ones only
 * when {@code require_confirmation}), off the request path on {@code max_notifier_workers}
 * threads, and sends confirmation requests. Failed webhooks are retried by {@link WebhookRetries}.
 */
public final class Notifier implements SubscriptionEvents, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
    static final ObjectMapper JSON = new ObjectMapper();
    /** Deliveries waiting for a worker; beyond this, new ones are dropped with a warning. */
    private static final int BACKLOG = 10_000;
    private static final int PAGE = 100;

    private final MessageStorage storage;
    private final NotificationOptions options;
    private final ExecutorService workers;
    private final IdentityService identity;
    private final WebhookSender webhooks;
    private final MailSender mail;
    private final WebhookRetries retries;

    /** A notifier without Keystone: trust+ subscribers cannot be notified. */
    public Notifier(MessageStorage storage, NotificationOptions options, InstantSource clock) {
        this(storage, options, clock, DeliveryObserver.NONE, IdentityService.NONE);
    }

    /**
     * @param storage  the undecorated storage: subscriptions are read and pending retries kept there
     * @param observer told about every delivery attempt, e.g. for metrics
     * @param identity tokens for trust+ subscribers, and Zaqar's public endpoints for confirmations
     */
    public Notifier(MessageStorage storage, NotificationOptions options, InstantSource clock,
                    DeliveryObserver observer, IdentityService identity) {
        this.storage = storage;
        this.options = options;
        this.identity = identity;
        this.webhooks = new WebhookSender(identity, observer);
        this.mail = new MailSender(options, observer);
        this.workers = new ThreadPoolExecutor(options.maxNotifierWorkers(), options.maxNotifierWorkers(),
                0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(BACKLOG),
                Thread.ofPlatform().daemon().name("zaqar-notifier-", 0).factory(),
                (task, pool) -> LOG.warn("Notification backlog full ({} waiting); a delivery is dropped", BACKLOG));
        this.retries = new WebhookRetries(storage, webhooks, clock, observer);
    }

    /** {@code storage} with every post reported to this notifier. */
    public MessageStorage wrap(MessageStorage storage) {
        return new NotifyingMessageStorage(storage, this);
    }

    /** Starts retrying pending webhook deliveries, those left by an earlier run included. */
    public void start() {
        retries.start();
    }

    /** Called after messages were stored; returns at once. */
    void posted(String project, String source, List<NewMessage> messages) {
        if (!storage.subscriptions().mayHaveSubscriptions(project, source)) {
            return; // most queues have none: no worker, no listing
        }
        workers.execute(() -> {
            try {
                deliver(project, source, messages);
            } catch (ZaqarException e) {
                if (e.code() != ErrorCode.UNSUPPORTED) { // a store without subscriptions has no one to notify
                    LOG.warn("Notifying the subscribers of {} failed: {}", source, e.getMessage());
                }
            } catch (RuntimeException e) {
                LOG.warn("Notifying the subscribers of {} failed: {}", source, e.toString());
            }
        });
    }

    private void deliver(String project, String source, List<NewMessage> messages) {
        Map<String, Object> metadata = null;
        String marker = null;
        while (true) {
            Page<Subscription> page = storage.subscriptions().list(project, source, marker, PAGE);
            if (page.items().isEmpty()) {
                return;
            }
            if (metadata == null) { // read only once there are subscribers: most queues have none
                metadata = metadata(project, source);
            }
            Object queuePolicy = metadata.get("_retry_policy");
            // Upstream's posted messages carry "delay" only when the queue has a default delay.
            boolean withDelay = metadata.get("_default_message_delay") instanceof Number delay && delay.intValue() != 0;
            for (Subscription subscription : page.items()) {
                if (options.requireConfirmation() && !subscription.confirmed()) {
                    LOG.info("Subscriber {} is not confirmed; not notified", subscription.subscriber());
                    continue;
                }
                for (NewMessage message : messages) {
                    ObjectNode notification = JSON.createObjectNode();
                    notification.put("ttl", message.ttl());
                    notification.set("body", readBody(message.body()));
                    if (withDelay) {
                        notification.put("delay", message.delay());
                    }
                    notification.put("Message_Type", "Notification");
                    send(subscription, notification, queuePolicy);
                }
            }
            marker = page.nextMarker();
        }
    }

    private Map<String, Object> metadata(String project, String source) {
        try {
            return storage.queues().getMetadata(project, source);
        } catch (ZaqarException e) {
            return Map.of(); // a queue deleted meanwhile has no policy; its subscribers still hear of the messages
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode readBody(String body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return JSON.getNodeFactory().textNode(body);
        }
    }

    private void send(Subscription subscription, ObjectNode message, Object queuePolicy) {
        message.put("queue_name", subscription.source());
        String scheme = SubscriptionRules.scheme(subscription.subscriber());
        if (scheme.equals("mailto")) {
            sendMail(subscription, message);
            return;
        }
        String trustId = null;
        if (subscription.subscriber().startsWith("trust+")) {
            if (!(subscription.options().get("trust_id") instanceof String id)) {
                LOG.warn("Subscriber {} has no options.trust_id; not notified", subscription.subscriber());
                return;
            }
            trustId = id;
        }
        String data = postData(subscription, message);
        Map<String, String> headers = postHeaders(subscription);
        if (!webhooks.post(subscription.subscriber(), trustId, data, headers, false)) {
            List<Integer> delays = RetryPolicy.choose(subscription.options().get("_retry_policy"), queuePolicy).delays();
            retries.retry(subscription.subscriber(), trustId, data, headers, delays);
        }
    }

    /** The message as JSON, or {@code options.post_data} with {@code "$zaqar_message$"} replaced by it. */
    static String postData(Subscription subscription, ObjectNode message) {
        String json = message.toString();
        if (subscription.options().get("post_data") instanceof String template) {
            return template.replace("\"$zaqar_message$\"", json);
        }
        return json;
    }

    static Map<String, String> postHeaders(Subscription subscription) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        if (subscription.options().get("post_headers") instanceof Map<?, ?> extra) {
            extra.forEach((name, value) -> headers.put(String.valueOf(name), String.valueOf(value)));
        }
        return headers;
    }

    private void sendMail(Subscription subscription, ObjectNode message) {
        Mailto address = Mailto.parse(subscription.subscriber());
        Object from = subscription.options().getOrDefault("from", "");
        Object subject = address.subject() != null ? address.subject() : subscription.options().getOrDefault("subject", "");
        mail.send(address.to(), String.valueOf(from), String.valueOf(subject), message.toString());
    }

    @Override
    public void confirmationNeeded(String project, String sourcePath, Subscription subscription, boolean unsubscribed,
                                   Instant expires) {
        if (!options.requireConfirmation()) {
            return;
        }
        if (options.secretKey() == null) {
            LOG.error("Can't send confirm notification due to the value of secret_key option is None");
            return;
        }
        workers.execute(() -> {
            ObjectNode message = confirmation(project, sourcePath, subscription, unsubscribed, expires);
            LOG.info("Begin to send {} confirm/unsubscribe notification. The request body is {}",
                    SubscriptionRules.scheme(subscription.subscriber()), message);
            if (SubscriptionRules.scheme(subscription.subscriber()).equals("mailto")) {
                sendConfirmationMail(subscription, message, unsubscribed);
            } else {
                send(subscription, message, null);
            }
        });
    }

    /**
     * Upstream's confirmation request, field for field: the confirm URL at Zaqar's public
     * endpoints of the catalog (when known), then the signed URL's parts.
     */
    private ObjectNode confirmation(String project, String sourcePath, Subscription subscription, boolean unsubscribed,
                                    Instant expires) {
        String path = sourcePath + "/subscriptions/" + subscription.id() + "/confirm";
        SignedUrl signed = SignedUrl.create(options.secretKey(), path, project, expires, "PUT");
        String source = subscription.source();
        ObjectNode message = JSON.createObjectNode();
        Map<String, String> endpoints = publicEndpoints();
        if (endpoints.containsKey("zaqar")) {
            message.put("WSGISubscribeURL", URI.create(endpoints.get("zaqar")).resolve(path).toString());
        }
        if (endpoints.containsKey("zaqar-websocket")) {
            message.put("WebSocketSubscribeURL", URI.create(endpoints.get("zaqar-websocket")).resolve(path).toString());
        }
        message.put("Message_Type", unsubscribed ? "UnsubscribeConfirmation" : "SubscriptionConfirmation");
        message.put("Message", unsubscribed
                ? "You have unsubscribed successfully to the queue: " + source
                        + ", you can resubscribe it by using confirmed=True."
                : "You have chosen to subscribe to the queue: " + source);
        message.put("URL-Signature", signed.signature());
        message.put("URL-Methods", "PUT");
        message.put("URL-Paths", path);
        message.put("X-Project-ID", project);
        message.put("URL-Expires", signed.expires());
        message.putObject("SubscribeBody").put("confirmed", true);
        message.putObject("UnsubscribeBody").put("confirmed", false);
        return message;
    }

    private Map<String, String> publicEndpoints() {
        try {
            return identity.publicEndpoints();
        } catch (ZaqarException e) {
            LOG.warn("Zaqar's public endpoints are unknown: {}", e.getMessage());
            return Map.of();
        }
    }

    /** Upstream's mailto confirmation: the template's body with the signed link to {@code external_confirmation_url}. */
    private void sendConfirmationMail(Subscription subscription, ObjectNode message, boolean unsubscribed) {
        if (options.externalConfirmationUrl() == null) {
            LOG.error("Can't make confirmation email body, need a valid confirm url.");
            return;
        }
        String project = message.path("X-Project-ID").asText();
        String link = options.externalConfirmationUrl() + "?Signature=" + message.path("URL-Signature").asText()
                + "&Methods=" + message.path("URL-Methods").asText() + "&Paths=" + message.path("URL-Paths").asText()
                + "&Project=" + project + "&Expires=" + message.path("URL-Expires").asText()
                + "&Url=" + message.path("WSGISubscribeURL").asText("") + "&Queue=" + subscription.source();
        NotificationOptions.EmailTemplate template = unsubscribed
                ? options.unsubscribeTemplate() : options.subscriptionTemplate();
        String body = template.body().replace("{0}", subscription.source()).replace("{1}", project)
                .replace("{2}", link);
        mail.send(Mailto.parse(subscription.subscriber()).to(), template.sender(), template.topic(), body);
    }

    /** A {@code mailto:} subscriber: the address, and the {@code subject} query parameter if any. */
    record Mailto(String to, String subject) {
        static Mailto parse(String subscriber) {
            String rest = subscriber.substring("mailto:".length());
            int question = rest.indexOf('?');
            if (question < 0) {
                return new Mailto(rest, null);
            }
            String subject = null;
            for (String pair : rest.substring(question + 1).split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0 && pair.substring(0, equals).equalsIgnoreCase("subject")) {
                    subject = URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                }
            }
            return new Mailto(rest.substring(0, question), subject);
        }
    }

    /** Stops the workers and the retry poller; pending retries stay in the store for the next start. */
    @Override
    public void close() {
        retries.close();
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
