package org.zaqar.core.model;

import java.time.Instant;

/**
 * Message counts of one queue. Expired messages are never counted.
 *
 * @param free    messages that are not claimed (delayed ones included, as upstream counts them)
 * @param claimed messages held by a live claim
 * @param total   free + claimed
 * @param oldest  the oldest message, or null when the queue is empty
 * @param newest  the newest message, or null when the queue is empty
 */
public record QueueStats(long free, long claimed, long total, MessageRef oldest, MessageRef newest) {

    /** Id and creation time of a message, as shown in stats. */
    public record MessageRef(String id, Instant createdAt) {
    }
}
