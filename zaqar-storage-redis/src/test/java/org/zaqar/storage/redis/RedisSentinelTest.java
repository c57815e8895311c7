package org.zaqar.storage.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/** The Sentinel URI form finds the master through a real Sentinel. */
class RedisSentinelTest {

    @Test
    void connectsToTheMasterTheSentinelNames() {
        RedisTestServer master = RedisTestServer.startNew();
        RedisTestServer sentinel = RedisTestServer.startSentinel(master, "mymaster");
        try {
            String uri = "redis://127.0.0.1:" + sentinel.port() + "?master=mymaster";
            try (MessageStorage storage = RedisTestServer.open(new ManualClock(), Map.of("uri", uri))) {
                assertTrue(storage.isAlive());
                storage.queues().create("p", "q", Map.of());
                storage.messages().post("p", "q", List.of(new NewMessage("{}", 60, 0, null)), "c");
                assertEquals(1, storage.claims().create("p", "q", new ClaimRequest(60, 0, 5)).messages().size());
            }
            String unknown = "redis://127.0.0.1:" + sentinel.port() + "?master=nosuchmaster";
            ZaqarException e = assertThrows(ZaqarException.class,
                    () -> RedisTestServer.open(new ManualClock(), Map.of("uri", unknown, "max_reconnect_attempts", "0")));
            assertEquals(ErrorCode.STORAGE_UNAVAILABLE, e.code());
            assertTrue(e.getMessage().contains("nosuchmaster"), e.getMessage());
        } finally {
            sentinel.stop();
            master.stop();
        }
    }

    @Test
    void ridesOutAFailoverWithinTheReconnectAttempts() throws Exception {
        RedisTestServer master = RedisTestServer.startNew();
        RedisTestServer replica = RedisTestServer.startNew("--replicaof", "127.0.0.1", Integer.toString(master.port()));
        RedisTestServer sentinel = RedisTestServer.startSentinel(master, "failover");
        try {
            String uri = "redis://127.0.0.1:" + sentinel.port() + "?master=failover";
            try (MessageStorage storage = RedisTestServer.open(new ManualClock(), Map.of("uri", uri,
                    "max_reconnect_attempts", "100", "reconnect_sleep", "0.25"))) {
                storage.queues().create("p", "q", Map.of());
                storage.messages().post("p", "q", List.of(new NewMessage("{}", 600, 0, null)), "c");
                waitForReplication(master);

                master.stop();
                long start = System.nanoTime();
                storage.messages().post("p", "q", List.of(new NewMessage("{}", 600, 0, null)), "c");
                assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 25, "failover within the retries");
                assertEquals(2, storage.queues().stats("p", "q").total(), "the replica had the first message");
            }
        } finally {
            sentinel.stop();
            replica.stop();
            master.stop();
        }
    }

    /** Waits until the replica has everything the master has (WAIT, after its initial sync). */
    private static void waitForReplication(RedisTestServer master) throws InterruptedException {
        try (redis.clients.jedis.Jedis jedis = new redis.clients.jedis.Jedis("127.0.0.1", master.port())) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                if (jedis.waitReplicas(1, 1000) >= 1) {
                    return;
                }
                Thread.sleep(100);
            }
        }
        throw new AssertionError("the replica did not catch up within 30 s");
    }
}
