package org.zaqar.core.model;

import java.time.Duration;
import java.time.Instant;

/**
 * A stored message as a backend returns it.
 *
 * @param id         opaque id, unique within its queue
 * @param body       JSON text exactly as posted
 * @param ttl        seconds the message lives after {@code createdAt} (claims with grace may extend it)
 * @param createdAt  when the message was posted
 * @param checksum   body checksum or null
 * @param claimId    id of the claim holding the message, or null when not (or no longer) claimed
 * @param claimCount how many times the message has been claimed
 */
public record Message(String id, String body, int ttl, Instant createdAt, String checksum,
                      String claimId, int claimCount) {

    /** Whole seconds since the message was posted, as upstream reports {@code age}. */
    public long ageSeconds(Instant now) {
        return Math.max(0, Duration.between(createdAt, now).toSeconds());
    }
}
