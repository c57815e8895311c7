package org.zaqar.api;

import java.time.Duration;

/**
 * How the HTTP server protects itself from slow and from excess clients, from
 * {@code [drivers:transport:wsgi]}.
 *
 * @param headerTimeout         {@code client_header_timeout}: the time a connection has to send a request
 *                              line and its headers; a kept-alive connection waits this long for its next request
 * @param bodyTimeout           {@code client_body_timeout}: the time a request has to send its body once its
 *                              headers arrived; also the longest a connection may stay silent
 * @param maxConcurrentRequests {@code max_concurrent_requests}: requests served at once; one more is answered
 *                              503 with Retry-After at once; 0 serves every request
 */
public record EdgeSettings(Duration headerTimeout, Duration bodyTimeout, int maxConcurrentRequests) {
    public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_BODY_TIMEOUT = Duration.ofSeconds(60);
    public static final int DEFAULT_MAX_CONCURRENT_REQUESTS = 256;

    public EdgeSettings {
        if (headerTimeout.isNegative() || headerTimeout.isZero() || bodyTimeout.isNegative() || bodyTimeout.isZero()) {
            throw new IllegalArgumentException("client_header_timeout (" + headerTimeout.toMillis()
                    + " ms) and client_body_timeout (" + bodyTimeout.toMillis() + " ms) must be positive");
        }
        if (maxConcurrentRequests < 0) {
            throw new IllegalArgumentException("max_concurrent_requests = " + maxConcurrentRequests
                    + " is negative; 0 turns the limit off");
        }
    }

    public static EdgeSettings defaults() {
        return new EdgeSettings(DEFAULT_HEADER_TIMEOUT, DEFAULT_BODY_TIMEOUT, DEFAULT_MAX_CONCURRENT_REQUESTS);
    }
}
