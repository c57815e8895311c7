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
                    "max_reconnect_attempts", "40", "reconnect_sleep", "0.25"))) {
                storage.queues().create("p", "q", Map.of());
                storage.messages().post("p", "q", List.of(new NewMessage("{}", 600, 0, null)), "c");
                waitForReplication(replica);

                master.stop();
                long start = System.nanoTime();
                storage.messages().post("p", "q", List.of(new NewMessage("{}", 600, 0, null)), "c");
                assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 10);
                assertEquals(2, storage.queues().stats("p", "q").total(), "the replica had the first message");
            }
        } finally {
            sentinel.stop();
            replica.stop();
            master.stop();
        }
    }

    private static void waitForReplication(RedisTestServer replica) throws InterruptedException {
        try (redis.clients.jedis.Jedis jedis = new redis.clients.jedis.Jedis("127.0.0.1", replica.port())) {
            for (int i = 0; i < 100; i++) {
                if (jedis.exists(RedisKeys.queue("p", "q")) && jedis.dbSize() > 3) {
                    return;
                }
                Thread.sleep(50);
            }
        }
        throw new AssertionError("the replica did not catch up");
    }
}
