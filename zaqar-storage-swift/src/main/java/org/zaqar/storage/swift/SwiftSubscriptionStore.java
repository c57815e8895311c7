package org.zaqar.storage.swift;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.zaqar.core.error.ErrorCode;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.core.model.Page;
import org.zaqar.core.model.Subscription;
import org.zaqar.core.storage.SubscriptionStore;

/**
 * Subscriptions as upstream lays them out: one object per subscription, named by its id, in
 * {@code zaqar_subscription:SOURCE:PROJECT}, and one per subscriber (named by the SHA-256 of its
 * URL, holding the subscription id) in {@code zaqar_subscriber:SOURCE:PROJECT}, created with
 * {@code If-None-Match: *} so that two subscriptions of a source never share a subscriber.
 */
final class SwiftSubscriptionStore implements SubscriptionStore {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A subscription as its object's JSON; times are epoch milliseconds of Zaqar's clock. */
    record Stored(@JsonProperty("id") String id,
                  @JsonProperty("subscriber") String subscriber,
                  @JsonProperty("ttl") int ttl,
                  @JsonProperty("created") long created,
                  @JsonProperty("expires") long expires,
                  @JsonProperty("options") Map<String, Object> options,
                  @JsonProperty("confirmed") boolean confirmed) {

        Subscription toSubscription(String source) {
            return new Subscription(id, source, subscriber, ttl, Instant.ofEpochMilli(created), options, confirmed);
        }
    }

    private final SwiftMessageObjects objects;

    SwiftSubscriptionStore(SwiftMessageObjects objects) {
        this.objects = objects;
    }

    @Override
    public String create(String project, String source, String subscriber, int ttl, Map<String, Object> options) {
        long now = objects.now();
        String id = UUID.randomUUID().toString();
        claimSubscriber(project, source, subscriber, id, now);
        write(project, source, new Stored(id, subscriber, ttl, now, now + ttl * 1000L, Map.copyOf(options), false));
        return id;
    }

    @Override
    public Subscription get(String project, String source, String id) {
        Stored stored = readLive(project, source, id, objects.now());
        if (stored == null) {
            throw notFound(source, id);
        }
        return stored.toSubscription(source);
    }

    @Override
    public Subscription getBySubscriber(String project, String source, String subscriber) {
        long now = objects.now();
        SwiftClient.Reply index = objects.swift().get(SwiftNames.subscribers(project, source), digest(subscriber));
        if (!index.found()) {
            return null;
        }
        Stored stored = readLive(project, source, index.body(), now);
        return stored != null && stored.subscriber().equals(subscriber) ? stored.toSubscription(source) : null;
    }

    @Override
    public Page<Subscription> list(String project, String source, String marker, int limit) {
        long now = objects.now();
        String container = SwiftNames.subscriptions(project, source);
        List<Subscription> found = new ArrayList<>();
        String after = marker;
        while (found.size() < limit) {
            List<String> names = objects.swift().list(container, after, Math.max(limit * 2, 20));
            for (String name : names) {
                after = name;
                Stored stored = readLive(project, source, name, now);
                if (stored != null) {
                    found.add(stored.toSubscription(source));
                    if (found.size() == limit) {
                        break;
                    }
                }
            }
            if (names.isEmpty()) {
                break;
            }
        }
        return new Page<>(found, found.isEmpty() ? null : found.getLast().id());
    }

    @Override
    public void update(String project, String source, String id, String subscriber, Integer ttl,
                       Map<String, Object> options) {
        long now = objects.now();
        Stored stored = readLive(project, source, id, now);
        if (stored == null) {
            throw notFound(source, id);
        }
        if (subscriber != null && !subscriber.equals(stored.subscriber())) {
            claimSubscriber(project, source, subscriber, id, now);
            objects.swift().delete(SwiftNames.subscribers(project, source), digest(stored.subscriber()));
        }
        write(project, source, new Stored(id, subscriber != null ? subscriber : stored.subscriber(),
                ttl != null ? ttl : stored.ttl(), stored.created(), ttl != null ? now + ttl * 1000L : stored.expires(),
                options != null ? Map.copyOf(options) : stored.options(), stored.confirmed()));
    }

    @Override
    public void confirm(String project, String source, String id, boolean confirmed) {
        Stored stored = readLive(project, source, id, objects.now());
        if (stored == null) {
            throw notFound(source, id);
        }
        write(project, source, new Stored(id, stored.subscriber(), stored.ttl(), stored.created(), stored.expires(),
                stored.options(), confirmed));
    }

    @Override
    public void delete(String project, String source, String id) {
        Stored stored = read(project, source, id);
        if (stored == null) {
            return;
        }
        objects.swift().delete(SwiftNames.subscriptions(project, source), id);
        String indexContainer = SwiftNames.subscribers(project, source);
        SwiftClient.Reply index = objects.swift().get(indexContainer, digest(stored.subscriber()));
        if (index.found() && index.body().equals(id)) {
            objects.swift().delete(indexContainer, digest(stored.subscriber()));
        }
    }

    @Override
    public void deleteAll(String project, String source) {
        objects.emptyContainer(SwiftNames.subscriptions(project, source), null);
        objects.emptyContainer(SwiftNames.subscribers(project, source), null);
    }

    /**
     * Makes {@code id} the subscription of {@code subscriber}: created only if absent, or taken over
     * when the subscription it names is gone or expired.
     *
     * @throws ZaqarException CONFLICT when a live subscription of the source has the subscriber
     */
    private void claimSubscriber(String project, String source, String subscriber, String id, long now) {
        String container = SwiftNames.subscribers(project, source);
        String name = digest(subscriber);
        if (objects.putCreatingContainer(container, name, id, Map.of("If-None-Match", "*")).status() != 412) {
            return;
        }
        SwiftClient.Reply holder = objects.swift().get(container, name);
        if (holder.found()) {
            Stored current = readLive(project, source, holder.body(), now);
            if (current != null && current.subscriber().equals(subscriber)) {
                throw new ZaqarException(ErrorCode.CONFLICT, "Subscriber " + subscriber + " already has a "
                        + "subscription to " + source);
            }
        }
        objects.swift().put(container, name, id, Map.of());
    }

    private void write(String project, String source, Stored stored) {
        try {
            objects.putCreatingContainer(SwiftNames.subscriptions(project, source), stored.id(),
                    JSON.writeValueAsString(stored), objects.expiry(stored.expires()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Stored readLive(String project, String source, String id, long now) {
        Stored stored = read(project, source, id);
        return stored != null && stored.expires() > now ? stored : null;
    }

    private Stored read(String project, String source, String id) {
        if (!SwiftNames.isUuid(id)) {
            return null; // not a UUID: not an id this store issued
        }
        SwiftClient.Reply reply = objects.swift().get(SwiftNames.subscriptions(project, source), id);
        if (!reply.found()) {
            return null;
        }
        try {
            return JSON.readValue(reply.body(), Stored.class);
        } catch (IOException e) {
            throw ZaqarException.unavailable("A Swift subscription object is not Zaqar's JSON: " + e.getMessage(), e);
        }
    }

    private static ZaqarException notFound(String source, String id) {
        return new ZaqarException(ErrorCode.NOT_FOUND, "Subscription " + id + " of " + source + " does not exist");
    }

    private static String digest(String subscriber) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(subscriber.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
