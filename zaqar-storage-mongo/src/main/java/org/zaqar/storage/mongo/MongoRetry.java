package org.zaqar.storage.mongo;

import java.time.Duration;
import java.util.function.Supplier;

import com.mongodb.MongoException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.core.log.LogThrottle;

/**
 * Upstream's {@code retries_on_autoreconnect} and {@code raises_conn_error}: an operation that failed
 * because no server could be reached (socket errors, server selection timeouts, a primary stepping
 * down) is tried again up to {@code max_reconnect_attempts} times, sleeping {@code reconnect_sleep}
 * doubled on every attempt; then, and for any other driver failure, a {@link ZaqarException}
 * STORAGE_UNAVAILABLE is thrown. Driver exceptions never leave this module.
 */
final class MongoRetry {
    private static final Logger LOG = LoggerFactory.getLogger(MongoRetry.class);
    /** Every call retries while MongoDB is down: its warning once per interval. */
    private static final LogThrottle OUTAGES = LogThrottle.forOutages();

    private final int maxAttempts;
    private final Duration baseSleep;

    MongoRetry(int maxAttempts, Duration baseSleep) {
        this.maxAttempts = maxAttempts;
        this.baseSleep = baseSleep;
    }

    static MongoRetry from(MongoStorageOptions options) {
        return new MongoRetry(options.maxReconnectAttempts(), options.reconnectSleep());
    }

    /** Runs {@code operation}, which must be safe to repeat. */
    <T> T call(String what, Supplier<T> operation) {
        long started = System.nanoTime();
        MongoException last = null;
        for (int attempt = 0; attempt < maxAttempts; attempt++) {
            try {
                return operation.get();
            } catch (MongoException e) {
                if (!isReconnectable(e)) {
                    throw new ZaqarException(org.zaqar.core.error.ErrorCode.STORAGE_UNAVAILABLE,
                            "MongoDB failed to " + what + ": " + e.getMessage(), e);
                }
                last = e;
                int failed = attempt + 1;
                OUTAGES.permit("mongodb").ifPresent(held -> LOG.warn("MongoDB unreachable while trying to {} "
                        + "(attempt {} of {}): {}{}", what, failed, maxAttempts, e.getMessage(), OUTAGES.held(held)));
                if (attempt + 1 < maxAttempts) {
                    sleep(baseSleep.multipliedBy(1L << Math.min(attempt, 20)));
                }
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        throw ZaqarException.unavailable(String.format(java.util.Locale.ROOT,
                "MongoDB unreachable after %d attempts (%.1f s) to %s: %s",
                maxAttempts, seconds, what, last.getMessage()), last);
    }

    void run(String what, Runnable operation) {
        call(what, () -> {
            operation.run();
            return null;
        });
    }

    static boolean isReconnectable(MongoException e) {
        return e instanceof MongoSocketException
                || e instanceof MongoTimeoutException
                || e instanceof MongoNotPrimaryException
                || e instanceof MongoNodeIsRecoveringException
                || e.hasErrorLabel("RetryableWriteError");
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ZaqarException.unavailable("interrupted while waiting to reconnect to MongoDB", e);
        }
    }
}
