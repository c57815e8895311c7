package org.zaqar.core.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A subscription of one subscriber (a URI such as {@code http://...} or {@code mailto:...}) to a
 * queue or topic, as a backend returns it.
 *
 * @param id         opaque id, unique within the project
 * @param source     the queue or topic name the subscription listens to
 * @param subscriber the URI notifications go to
 * @param ttl        seconds the subscription lives after {@code createdAt}
 * @param createdAt  when it was created (or its ttl last set)
 * @param options    the subscriber's options as posted ({@code post_data}, {@code _retry_policy}, ...)
 * @param confirmed  whether the subscriber has confirmed it
 */
public record Subscription(String id, String source, String subscriber, int ttl, Instant createdAt,
                           Map<String, Object> options, boolean confirmed) {

    /** Whole seconds since creation, as upstream reports {@code age}. */
    public long ageSeconds(Instant now) {
        return Math.max(0, Duration.between(createdAt, now).toSeconds());
    }
}
