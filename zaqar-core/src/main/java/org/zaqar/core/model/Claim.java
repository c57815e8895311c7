package org.zaqar.core.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A live claim and the messages it holds.
 *
 * @param id        opaque claim id
 * @param ttl       seconds the claim lives after {@code updatedAt}
 * @param updatedAt when the claim was created or last renewed; upstream reports {@code age} from here
 * @param messages  the live messages the claim holds
 */
public record Claim(String id, int ttl, Instant updatedAt, List<Message> messages) {

    public long ageSeconds(Instant now) {
        return Math.max(0, Duration.between(updatedAt, now).toSeconds());
    }
}
