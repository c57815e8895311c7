package org.zaqar.storage.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.zaqar.core.error.ErrorCode;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.core.model.ClaimRequest;
import org.zaqar.core.model.NewMessage;
import org.zaqar.core.storage.MessageStorage;
import org.zaqar.core.testing.ManualClock;

/** Stopping Redis gives STORAGE_UNAVAILABLE within seconds; once it is back, the pool recovers by itself. */
class RedisUnavailabilityTest {

    @Test
    void stoppedRedisIsUnavailableAndRestartedRedisRecovers() {
        RedisTestServer server = RedisTestServer.startNew();
        try (MessageStorage storage = server.open(new ManualClock())) {
            storage.queues().create("p", "q", Map.of());
            storage.messages().post("p", "q", List.of(new NewMessage("{}", 600, 0, null)), "c");

            server.stop();
            for (int attempt = 0; attempt < 3; attempt++) {
                long start = System.nanoTime();
                ZaqarException e = assertThrows(ZaqarException.class,
                        () -> storage.messages().post("p", "q", List.of(new NewMessage("{}", 600, 0, null)), "c"));
                assertEquals(ErrorCode.STORAGE_UNAVAILABLE, e.code(), e.getMessage());
                assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 5000, "fails fast");
            }
            assertFalse(storage.isAlive());
            ZaqarException claimFailure = assertThrows(ZaqarException.class,
                    () -> storage.claims().create("p", "q", new ClaimRequest(60, 0, 1)));
            assertEquals(ErrorCode.STORAGE_UNAVAILABLE, claimFailure.code());

            // a fresh server on the same port: no data, no cached scripts
            server.start();
            assertTrue(storage.isAlive());
            assertTrue(storage.queues().create("p", "q", Map.of()));
            storage.messages().post("p", "q", List.of(new NewMessage("{}", 600, 0, null)), "c");
            assertEquals(1, storage.claims().create("p", "q", new ClaimRequest(60, 0, 5)).messages().size());
        } finally {
            server.stop();
        }
    }

    @Test
    void idleConnectionsToARestartedRedisAreReplacedWithoutAnError() {
        RedisTestServer server = RedisTestServer.startNew();
        try (MessageStorage storage = server.open(new ManualClock())) {
            storage.queues().create("p", "q", Map.of());
            // several pooled connections, all idle afterwards
            List.of(1, 2, 3, 4).parallelStream().forEach(i ->
                    storage.messages().post("p", "q", List.of(new NewMessage("{}", 600, 0, null)), "c"));
            server.stop();
            server.start();
            assertTrue(storage.queues().create("p", "q", Map.of()), "the restarted Redis is empty");
            storage.messages().post("p", "q", List.of(new NewMessage("{}", 600, 0, null)), "c");
            assertEquals(1, storage.queues().stats("p", "q").total());
        } finally {
            server.stop();
        }
    }
}
