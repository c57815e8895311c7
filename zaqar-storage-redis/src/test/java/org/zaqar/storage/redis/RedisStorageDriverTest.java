package org.zaqar.storage.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import org.junit.jupiter.api.Test;
import org.zaqar.core.config.ConfigSection;
import org.zaqar.core.config.ZaqarConfig;
import org.zaqar.core.error.ErrorCode;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.core.model.NewMessage;
import org.zaqar.core.storage.ManagementStorage;
import org.zaqar.core.storage.MessageStorage;
import org.zaqar.core.storage.StorageContext;
import org.zaqar.core.storage.StorageDriver;
import org.zaqar.core.testing.ManualClock;

import redis.clients.jedis.Jedis;

class RedisStorageDriverTest {

    @Test
    void isFoundByServiceLoaderUnderUpstreamsName() {
        List<String> names = ServiceLoader.load(StorageDriver.class).stream()
                .map(provider -> provider.get().name()).toList();
        assertTrue(names.contains("redis"), names.toString());
    }

    @Test
    void opensMessageAndManagementStores() {
        RedisTestServer server = RedisTestServer.shared();
        try (MessageStorage storage = server.open(new ManualClock())) {
            assertTrue(storage.isAlive());
        }
        ConfigSection section = new ConfigSection("drivers:management_store:redis", Map.of("uri", server.uri()));
        try (ManagementStorage management = new RedisStorageDriver()
                .openManagementStore(new StorageContext(section, ZaqarConfig.empty(), new ManualClock()))) {
            assertTrue(management.isAlive());
        }
    }

    @Test
    void connectsOverAUnixSocket() throws Exception {
        java.nio.file.Path directory = java.nio.file.Files.createTempDirectory("redis-unix");
        String socket = directory.resolve("redis.sock").toString();
        RedisTestServer server = RedisTestServer.startNew("--unixsocket", socket, "--unixsocketperm", "700");
        try (MessageStorage storage = RedisTestServer.open(new ManualClock(),
                Map.of("uri", "redis:" + socket + "?socket_timeout=2"))) {
            assertTrue(storage.isAlive());
            storage.queues().create("p", "q", Map.of());
            String body = "{\"big\": \"" + "x".repeat(300_000) + "\"}";
            storage.messages().post("p", "q", List.of(new NewMessage(body, 60, 0, null)), "c");
            assertEquals(body, storage.claims().create("p", "q", new org.zaqar.core.model.ClaimRequest(60, 0, 5))
                    .messages().getFirst().body());
        } finally {
            server.stop();
        }
        ZaqarException e = assertThrows(ZaqarException.class,
                () -> RedisTestServer.open(new ManualClock(), Map.of("uri", "redis:" + socket)));
        assertEquals(ErrorCode.STORAGE_UNAVAILABLE, e.code());
        assertTrue(e.getMessage().contains(socket), e.getMessage());
    }

    @Test
    void socketTimeoutBoundsAStalledServerOverTcpAndUnixSockets() throws Exception {
        java.nio.file.Path directory = java.nio.file.Files.createTempDirectory("redis-unix");
        String socket = directory.resolve("redis.sock").toString();
        RedisTestServer server = RedisTestServer.startNew("--unixsocket", socket, "--unixsocketperm", "700");
        try (MessageStorage tcp = RedisTestServer.open(new ManualClock(),
                Map.of("uri", server.uri() + "?socket_timeout=0.3"));
             MessageStorage unix = RedisTestServer.open(new ManualClock(),
                     Map.of("uri", "redis:" + socket + "?socket_timeout=0.3"));
             Jedis admin = new Jedis("127.0.0.1", server.port())) {
            tcp.queues().create("p", "q", Map.of());
            for (MessageStorage storage : List.of(tcp, unix)) {
                admin.clientPause(1500);
                long start = System.nanoTime();
                ZaqarException e = assertThrows(ZaqarException.class,
                        () -> storage.messages().post("p", "q", List.of(new NewMessage("{}", 60, 0, null)), "c"));
                assertEquals(ErrorCode.STORAGE_UNAVAILABLE, e.code());
                assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 1200, e.getMessage());
                Thread.sleep(1600);
                storage.messages().post("p", "q", List.of(new NewMessage("{}", 60, 0, null)), "c");
            }
            assertEquals(2, tcp.queues().stats("p", "q").total());
        } finally {
            server.stop();
        }
    }

    @Test
    void unreachableServerIsStorageUnavailableQuickly() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        long start = System.nanoTime();
        int closedPort = port;
        ZaqarException e = assertThrows(ZaqarException.class,
                () -> RedisTestServer.open(new ManualClock(), Map.of("uri", "redis://127.0.0.1:" + closedPort)));
        assertEquals(ErrorCode.STORAGE_UNAVAILABLE, e.code());
        assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 5);
    }

    @Test
    void passwordAndTheUrisDbidAreUsed() {
        RedisTestServer server = RedisTestServer.startNew("--requirepass", "s3cret");
        try {
            ZaqarException denied = assertThrows(ZaqarException.class,
                    () -> RedisTestServer.open(new ManualClock(), Map.of("uri", server.uri())));
            assertEquals(ErrorCode.STORAGE_UNAVAILABLE, denied.code());
            String uri = "redis://:s3cret@127.0.0.1:" + server.port();
            ZaqarException wrong = assertThrows(ZaqarException.class,
                    () -> RedisTestServer.open(new ManualClock(), Map.of("uri", "redis://:nope@127.0.0.1:" + server.port())));
            assertFalse(wrong.getMessage().contains("nope"), wrong.getMessage());
            try (MessageStorage storage = RedisTestServer.open(new ManualClock(), Map.of("uri", uri + "?dbid=3"))) {
                storage.queues().create("p", "q", Map.of());
                storage.messages().post("p", "q", List.of(new NewMessage("{}", 60, 0, null)), "c");
            }
            try (Jedis jedis = new Jedis("127.0.0.1", server.port())) {
                jedis.auth("s3cret");
                jedis.select(3);
                assertTrue(jedis.exists(RedisKeys.queue("p", "q")));
                jedis.select(0);
                assertFalse(jedis.exists(RedisKeys.queue("p", "q")));
            }
        } finally {
            server.stop();
        }
    }

    @Test
    void garbageCollectionRemovesExpiredDataFromRedis() {
        RedisTestServer server = RedisTestServer.startNew();
        ManualClock clock = new ManualClock();
        try (MessageStorage storage = server.open(clock); Jedis jedis = new Jedis("127.0.0.1", server.port())) {
            storage.queues().create("p", "q", Map.of());
            long emptyQueueKeys = jedis.dbSize();
            storage.messages().post("p", "q", List.of(new NewMessage("{}", 60, 0, null),
                    new NewMessage("{}", 60, 0, null)), "c");
            storage.claims().create("p", "q", new org.zaqar.core.model.ClaimRequest(30, 0, 1));
            clock.advanceSeconds(61);
            storage.collectGarbage();
            assertEquals(emptyQueueKeys, jedis.dbSize(), "only the queue's own keys remain: " + jedis.keys("*"));
            storage.queues().delete("p", "q");
            assertEquals(0, jedis.dbSize(), "deleting the last queue leaves nothing: " + jedis.keys("*"));
        } finally {
            server.stop();
        }
    }
}
