package org.zaqar.storage.swift;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * Container and object names. Containers follow upstream ({@code zaqar_message:QUEUE:PROJECT},
 * {@code zaqar_claim:...}, {@code zaqar_subscription:SOURCE:PROJECT}), plus {@code zaqar_queues:PROJECT}
 * for queue incarnations (see {@link SwiftScope}); message object names sort
 * in posting order, so that a container listing with a marker pages through a queue.
 *
 * <p>A message id is 24 hex digits: 12 of the posting millisecond, 4 of a sequence within that
 * millisecond and 8 naming the store instance, so ids from one node never go backwards, and ids
 * from two nodes in the same millisecond differ.
 */
final class SwiftNames {
    static final String QUEUES = "zaqar_queues:";
    static final String MESSAGES = "zaqar_message:";
    static final String CLAIMS = "zaqar_claim:";
    static final String SUBSCRIPTIONS = "zaqar_subscription:";
    static final String SUBSCRIBERS = "zaqar_subscriber:";
    private static final Pattern MESSAGE_ID = Pattern.compile("[0-9a-f]{24}");
    /** Claim ids are UUIDs; the claim container also holds the lock objects, which this keeps out of reach. */
    private static final Pattern CLAIM_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final String node;
    private long lastMillis;
    private int sequence;

    SwiftNames() {
        this.node = String.format("%08x", new SecureRandom().nextInt());
    }

    /** The incarnations of a project's queues: one object per queue, named by the queue. */
    static String queues(String project) {
        return QUEUES + project;
    }

    static String subscriptions(String project, String source) {
        return SUBSCRIPTIONS + source + ":" + project;
    }

    static String subscribers(String project, String source) {
        return SUBSCRIBERS + source + ":" + project;
    }

    /** The lock object that entitles its creator to write generation {@code generation} of a message. */
    static String lock(String messageId, long generation) {
        return "lock." + messageId + "." + generation;
    }

    static boolean isMessageId(String text) {
        return text != null && MESSAGE_ID.matcher(text).matches();
    }

    static boolean isUuid(String text) {
        return text != null && CLAIM_ID.matcher(text).matches();
    }

    /** The next message id, after every id this instance issued before. */
    synchronized String nextMessageId(long nowMillis) {
        if (nowMillis > lastMillis) {
            lastMillis = nowMillis;
            sequence = 0;
        } else if (++sequence > 0xffff) {
            lastMillis++;
            sequence = 0;
        }
        return String.format("%012x%04x%s", lastMillis, sequence, node);
    }
}
