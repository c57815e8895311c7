package org.zaqar.client;

import java.time.Duration;

/**
 * When a request is sent again: on a connection failure or a 503 answer, up to {@code maxAttempts}
 * attempts in all, waiting {@code initialBackoff} before the second and twice as long before each
 * next one (at most {@code maxBackoff}, with random jitter of up to half the wait).
 *
 * <p>Only requests that are safe to repeat are retried: GET, HEAD, DELETE and PUT (creating a
 * queue, topic, pool or flavor twice leaves one). POST (message posts, claims, shares, purges),
 * PATCH and a pop ({@code DELETE ...?pop=N}) are retried only with {@code retryPosts = true}: when
 * a connection breaks after the server committed a message post but before its answer arrived,
 * sending it again stores the messages twice (a second claim or pop takes more messages, and a
 * second metadata patch that removes a key fails with 409).
 * Opt in when your consumers tolerate duplicates, or send a {@link NewMessage#dedupId()} once the
 * server honours it. A request refused with 401 is sent once more after new credentials, whatever
 * its method: the server did nothing with it.
 *
 * @param maxAttempts    attempts in all, at least 1 (1 = no retry)
 * @param initialBackoff the wait before the first retry
 * @param maxBackoff     the longest wait between attempts
 * @param retryPosts     whether POST, PATCH and pop requests are retried too
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, boolean retryPosts) {
    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts " + maxAttempts + " is below the minimum of 1");
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoff from " + initialBackoff + " to " + maxBackoff
                    + " is not a range of non-negative durations");
        }
    }

    /** 4 attempts, 200 ms doubling up to 5 s, POSTs not retried. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(4, Duration.ofMillis(200), Duration.ofSeconds(5), false);
    }

    /** One attempt, never retried. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, false);
    }

    /** This policy, with POSTs retried as well (see the class comment for why that duplicates messages). */
    public RetryPolicy withRetriedPosts() {
        return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, true);
    }

    /** The wait before attempt {@code attempt + 1}, without jitter ({@code attempt} counts from 1). */
    Duration backoff(int attempt) {
        Duration wait = initialBackoff;
        for (int i = 1; i < attempt && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
