package org.zaqar.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.zaqar.core.config.ZaqarConfig;
import org.zaqar.core.error.ZaqarException;

/**
 * Store failures as the scrape shows them. A store that goes away mid-run cannot be staged on the
 * embedded SQLite store, so the failures are thrown by the calls themselves.
 */
class StoreCallsTest {

    @Test
    void failuresAreCountedByErrorAndAnswersAreNot() {
        try (ServerMetrics metrics = new ServerMetrics(); Tracing tracing = Tracing.from(ZaqarConfig.empty())) {
            StoreCalls calls = new StoreCalls(metrics, tracing, "redis", false);
            assertEquals(3, calls.call("count_queues", () -> 3L));
            assertThrows(ZaqarException.class, () -> calls.run("post_messages", () -> {
                throw ZaqarException.unavailable("redis unreachable", null);
            }));
            assertThrows(IllegalStateException.class, () -> calls.run("post_messages", () -> {
                throw new IllegalStateException("a bug");
            }));
            assertThrows(ZaqarException.class, () -> calls.run("get_queue_metadata", () -> {
                throw ZaqarException.queueDoesNotExist("p", "q");
            }));

            String scrape = metrics.scrape();
            assertTrue(scrape.contains("zaqar_store_operations_seconds_count{op=\"count_queues\",store=\"redis\"} 1"),
                    scrape);
            assertTrue(scrape.contains("zaqar_store_operations_seconds_count{op=\"post_messages\",store=\"redis\"} 2"),
                    "failed calls are timed too:\n" + scrape);
            assertTrue(scrape.contains("zaqar_store_errors_total{error=\"STORAGE_UNAVAILABLE\",op=\"post_messages\","
                    + "store=\"redis\"} 1.0"), scrape);
            assertTrue(scrape.contains("zaqar_store_errors_total{error=\"IllegalStateException\","
                    + "op=\"post_messages\",store=\"redis\"} 1.0"), scrape);
            assertFalse(scrape.contains("op=\"get_queue_metadata\",store=\"redis\"} 1.0"),
                    "a missing queue is an answer, not a store error:\n" + scrape);
        }
    }
}
