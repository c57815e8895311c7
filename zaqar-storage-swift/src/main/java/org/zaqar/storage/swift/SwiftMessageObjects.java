package org.zaqar.storage.swift;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    SwiftMessageObjects(SwiftClient swift, InstantSource clock) {
        this.swift = swift;
        this.clock = clock;
    }

    long now() {
        return clock.millis();
    }

    SwiftClient swift() {
        return swift;
    }

    /** The message, or null when it is missing (expired ones included: callers check). */
    SwiftMessage read(String project, String queue, String id) {
        if (!SwiftNames.isMessageId(id)) {
            return null;
        }
        SwiftClient.Reply reply = swift.get(SwiftNames.messages(project, queue), id);
        return reply.found() ? SwiftMessage.parse(reply.body()) : null;
    }

    /** Writes a new message object, creating its container on first use. */
    void create(String project, String queue, String id, SwiftMessage message) {
        putCreatingContainer(SwiftNames.messages(project, queue), id, message.json(), expiry(message.expires()));
    }

    /**
     * Replaces {@code current} (as read) by {@code next}, one generation later, unless someone
     * else changed it first.
     *
     * @return false when another change of this generation won
     */
    boolean replace(String project, String queue, String id, SwiftMessage current, SwiftMessage next) {
        if (!lock(project, queue, id, current)) {
            return false;
        }
        swift.put(SwiftNames.messages(project, queue), id, next.json(), expiry(next.expires()));
        return true;
    }

    /** Deletes the message unless someone else changed it first; false then. */
    boolean delete(String project, String queue, String id, SwiftMessage current) {
        if (!lock(project, queue, id, current)) {
            return false;
        }
        swift.delete(SwiftNames.messages(project, queue), id);
        return true;
    }

    /**
     * Moves the message to the end of another queue of the project as {@code copy}, unless someone
     * else changed it first (false then). The copy is written before the original goes, so a crash
     * in between leaves the message twice rather than nowhere.
     */
    boolean move(String project, String queue, String id, SwiftMessage current, String target, String targetId,
                 SwiftMessage copy) {
        if (!lock(project, queue, id, current)) {
            return false;
        }
        create(project, target, targetId, copy);
        swift.delete(SwiftNames.messages(project, queue), id);
        return true;
    }

    private boolean lock(String project, String queue, String id, SwiftMessage current) {
        Map<String, String> headers = new java.util.HashMap<>(expiry(current.expires()));
        headers.put("If-None-Match", "*");
        SwiftClient.Reply reply = putCreatingContainer(SwiftNames.claims(project, queue),
                SwiftNames.lock(id, current.generation() + 1), "", headers);
        return reply.status() != 412;
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
    List<Stored> scan(String project, String queue, String marker, int limit, Predicate<SwiftMessage> wanted) {
        String container = SwiftNames.messages(project, queue);
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

    /** Deletes every object of the container, then the container; a missing one is fine. */
    void deleteContainer(String container) {
        emptyContainer(container);
        swift.deleteContainer(container); // 409 when a post raced in: the objects stay, found by later listings
    }

    /** Deletes every object the container lists and keeps the container. */
    void emptyContainer(String container) {
        String marker = null;
        while (true) {
            List<String> names = swift.list(container, marker, SwiftClient.LISTING_LIMIT);
            if (names.isEmpty()) {
                return;
            }
            names.forEach(name -> swift.delete(container, name));
            marker = names.getLast();
        }
    }
}
