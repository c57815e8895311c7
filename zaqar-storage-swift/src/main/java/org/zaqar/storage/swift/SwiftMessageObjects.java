package org.zaqar.storage.swift;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

import org.zaqar.core.error.ZaqarException;

/**
 * Reading and changing message objects, shared by the message and claim stores.
 *
 * <p>Swift has no compare-and-swap: it ignores {@code If-Match} on PUT and DELETE. What it has is
 * {@code If-None-Match: *}, a create that fails with 412 when the object exists. So every change
 * of a message after its post (claim, release, deletion by claim, dead-lettering) first creates
 * the lock object for the message's next generation; whoever creates it owns the change, and the
 * others, who read the same generation, get 412 and leave the message alone.
 */
final class SwiftMessageObjects {
    /** A message object with its name. */
    record Stored(String id, SwiftMessage message) {
    }

    /**
     * Real seconds Swift keeps an object after Zaqar's clock says it expired: Zaqar filters
     * expired messages itself, Swift's expirer only reclaims the space.
     */
    private static final long DELETE_SLACK_SECONDS = 300;

    private final SwiftClient swift;
    private final InstantSource clock;
    /** Serializes this process's attempts on one lock object; see {@link #lock}. */
    private final Lock[] stripes = new Lock[64];

    SwiftMessageObjects(SwiftClient swift, InstantSource clock) {
        this.swift = swift;
        this.clock = clock;
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    long now() {
        return clock.millis();
    }

    SwiftClient swift() {
        return swift;
    }

    /** The queue's current incarnation: one GET of {@code zaqar_queues:PROJECT/QUEUE}. */
    SwiftScope scope(String project, String queue) {
        SwiftClient.Reply reply = swift.get(SwiftNames.queues(project), queue);
        return new SwiftScope(project, queue, reply.found() ? reply.body().strip() : "");
    }

    /**
     * Records a new incarnation for a queue about to be created, unless one is recorded: of posts
     * that create a queue at once (the API creates queues lazily), the first incarnation stands, so
     * none of them writes where the others no longer look. A deletion removes the record.
     */
    void newIncarnation(String project, String queue) {
        putCreatingContainer(SwiftNames.queues(project), queue, java.util.UUID.randomUUID().toString(),
                Map.of("If-None-Match", "*"));
    }

    /** Forgets the queue's incarnation and empties its containers; returns nothing to wait for. */
    void deleteIncarnation(String project, String queue, String cutoff) {
        SwiftScope scope = scope(project, queue);
        swift.delete(SwiftNames.queues(project), queue);
        deleteContainer(scope.messages(), cutoff);
        deleteContainer(scope.claims(), null);
    }

    /** The message, or null when it is missing (expired ones included: callers check). */
    SwiftMessage read(SwiftScope scope, String id) {
        if (!SwiftNames.isMessageId(id)) {
            return null;
        }
        SwiftClient.Reply reply = swift.get(scope.messages(), id);
        return reply.found() ? SwiftMessage.parse(reply.body()) : null;
    }

    /** Writes a new message object, creating its container on first use. */
    void create(SwiftScope scope, String id, SwiftMessage message) {
        putCreatingContainer(scope.messages(), id, message.json(), expiry(message.expires()));
    }

    /**
     * Replaces {@code current} (as read) by {@code next}, one generation later, unless someone
     * else changed it first.
     *
     * @return false when another change of this generation won
     */
    boolean replace(SwiftScope scope, String id, SwiftMessage current, SwiftMessage next) {
        if (!lock(scope, id, current)) {
            return false;
        }
        swift.put(scope.messages(), id, next.json(), expiry(next.expires()));
        return true;
    }

    /** Deletes the message unless someone else changed it first; false then. */
    boolean delete(SwiftScope scope, String id, SwiftMessage current) {
        if (!lock(scope, id, current)) {
            return false;
        }
        swift.delete(scope.messages(), id);
        return true;
    }

    /**
     * Moves the message to the end of another queue of the project as {@code copy}, unless someone
     * else changed it first (false then). The copy is written before the original goes, so a crash
     * in between leaves the message twice rather than nowhere.
     */
    boolean move(SwiftScope scope, String id, SwiftMessage current, SwiftScope target, String targetId,
                 SwiftMessage copy) {
        if (!lock(scope, id, current)) {
            return false;
        }
        create(target, targetId, copy);
        swift.delete(scope.messages(), id);
        return true;
    }

    /**
     * Creates the lock object of the message's next generation, holding a token of this attempt.
     * Measured on a single Swift node: eight threads creating one object with {@code If-None-Match}
     * at once often got 201 twice (the object server checks before it receives the body). So
     * attempts of this process on one lock are serialized, and a 201 counts only when reading the
     * lock back shows this attempt's token: of writers that raced, Swift keeps the newest one.
     */
    private boolean lock(SwiftScope scope, String id, SwiftMessage current) {
        String name = SwiftNames.lock(id, current.generation() + 1);
        String token = java.util.UUID.randomUUID().toString();
        Map<String, String> headers = new java.util.HashMap<>(expiry(current.expires()));
        headers.put("If-None-Match", "*");
        Lock stripe = stripes[Math.floorMod(name.hashCode(), stripes.length)];
        stripe.lock();
        try {
            if (putCreatingContainer(scope.claims(), name, token, headers).status() == 412) {
                return false;
            }
        } finally {
            stripe.unlock();
        }
        SwiftClient.Reply check = swift.get(scope.claims(), name);
        return check.found() && check.body().equals(token);
    }

    SwiftClient.Reply putCreatingContainer(String container, String object, String body, Map<String, String> headers) {
        SwiftClient.Reply reply = swift.put(container, object, body, headers);
        for (int attempt = 0; reply.status() == 404 && attempt < 5; attempt++) {
            swift.putContainer(container);
            reply = swift.put(container, object, body, headers);
        }
        if (reply.status() == 404) {
            throw ZaqarException.unavailable("Swift container " + container + " vanished five times while "
                    + "writing " + object, null);
        }
        return reply;
    }

    Map<String, String> expiry(long expiresMillis) {
        long seconds = Math.max(0, (expiresMillis - now() + 999) / 1000) + DELETE_SLACK_SECONDS;
        return Map.of("X-Delete-After", Long.toString(seconds));
    }

    /**
     * Message objects after {@code marker} in id order that pass {@code wanted}, read one listing
     * page at a time, until {@code limit} are found or the queue ends. Objects deleted between the
     * listing and their read are skipped.
     */
    List<Stored> scan(SwiftScope scope, String marker, int limit, Predicate<SwiftMessage> wanted) {
        String container = scope.messages();
        List<Stored> found = new ArrayList<>();
        String after = marker;
        while (found.size() < limit) {
            int page = Math.max(2 * (limit - found.size()), 20);
            List<String> names = swift.list(container, after, page);
            for (String name : names) {
                after = name;
                SwiftClient.Reply reply = swift.get(container, name);
                if (!reply.found()) {
                    continue;
                }
                SwiftMessage message = SwiftMessage.parse(reply.body());
                if (wanted.test(message)) {
                    found.add(new Stored(name, message));
                    if (found.size() == limit) {
                        break;
                    }
                }
            }
            if (names.size() < page) {
                break;
            }
        }
        return found;
    }

    /**
     * Deletes the objects of the container, then the container (409 when objects remain: they are
     * found by nobody and expire). Message names sort by posting: messages posted after
     * {@code cutoff} (a message id) are left to expire, so that posters racing a deletion cannot keep it going.
     */
    void deleteContainer(String container, String cutoff) {
        emptyContainer(container, cutoff);
        swift.deleteContainer(container);
    }

    /** Deletes every object the container lists, up to the first message id after {@code cutoff} (null: all). */
    void emptyContainer(String container, String cutoff) {
        String marker = null;
        while (true) {
            List<String> names = swift.list(container, marker, SwiftClient.LISTING_LIMIT);
            for (String name : names) {
                if (cutoff != null && SwiftNames.isMessageId(name) && name.compareTo(cutoff) > 0) {
                    return;
                }
                swift.delete(container, name);
            }
            if (names.isEmpty()) {
                return;
            }
            marker = names.getLast();
        }
    }
}
