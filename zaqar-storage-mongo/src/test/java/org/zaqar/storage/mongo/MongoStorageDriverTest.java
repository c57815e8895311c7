package org.zaqar.storage.mongo;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.Test;
import org.zaqar.core.config.ConfigSection;
import org.zaqar.core.config.ZaqarConfig;
import org.zaqar.core.error.ErrorCode;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.core.model.MessageListQuery;
import org.zaqar.core.model.NewMessage;
import org.zaqar.core.storage.ManagementStorage;
import org.zaqar.core.storage.MessageStorage;
import org.zaqar.core.storage.StorageContext;
import org.zaqar.core.storage.StorageDriver;
import org.zaqar.core.testing.ManualClock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeout;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MongoStorageDriverTest {
    /** Today, so that a real server's TTL monitor leaves the messages of these tests alone. */
    private final ManualClock clock = new ManualClock(Instant.now());

    /** The test servers are standalone, which upstream accepts only with {@code unreliable = true}. */
    private static final ZaqarConfig UNRELIABLE = ZaqarConfig.parse("[DEFAULT]\nunreliable = true\n");

    private StorageContext context(String section, Map<String, String> values) {
        return new StorageContext(new ConfigSection(section, values), UNRELIABLE, clock);
    }

    @Test
    void standaloneServerNeedsUnreliableAsUpstream() {
        MongoTestServer server = MongoTestServer.get();
        String database = MongoTestServer.freshDatabase();
        StorageContext reliable = new StorageContext(new ConfigSection(MongoStorageOptions.MESSAGE_STORE_SECTION,
                Map.of("uri", server.uri, "database", database)), ZaqarConfig.empty(), clock);
        try {
            if (server.client().getClusterDescription().getType() == com.mongodb.connection.ClusterType.STANDALONE) {
                ZaqarException error = assertThrows(ZaqarException.class,
                        () -> new MongoStorageDriver().openMessageStore(reliable));
                assertEquals(ErrorCode.VALIDATION_FAILED, error.code());
                assertTrue(error.getMessage().contains("unreliable = true"), error.getMessage());
            } else {
                new MongoStorageDriver().openMessageStore(reliable).close();
            }
        } finally {
            server.drop(database, 2);
        }
    }

    @Test
    void weakWriteConcernNeedsUnreliableAsUpstream() {
        MongoStorageOptions options = MongoTestServer.options("mongodb://127.0.0.1:1/?w=1", "x", Map.of());
        MongoStorageOptions majority = MongoTestServer.options("mongodb://127.0.0.1:1/?w=majority", "x", Map.of());
        try (var client = MongoConnections.open(options)) {
            // An unconnected client's cluster type is UNKNOWN, so only the write concern is judged.
            ZaqarException error = assertThrows(ZaqarException.class,
                    () -> MongoStorageDriver.checkReliability(client, options, false));
            assertTrue(error.getMessage().contains("w=1"), error.getMessage());
            MongoStorageDriver.checkReliability(client, options, true);
            MongoStorageDriver.checkReliability(client, majority, false);
        }
    }

    @Test
    void isFoundByServiceLoaderUnderUpstreamsName() {
        List<StorageDriver> drivers = ServiceLoader.load(StorageDriver.class).stream()
                .map(ServiceLoader.Provider::get).filter(driver -> driver.name().equals("mongodb")).toList();
        assertEquals(1, drivers.size());
        assertTrue(drivers.getFirst() instanceof MongoStorageDriver);
    }

    @Test
    void opensMessageAndManagementStores() {
        MongoTestServer server = MongoTestServer.get();
        String database = MongoTestServer.freshDatabase();
        Map<String, String> values = Map.of("uri", server.uri, "database", database, "partitions", "3");
        MongoStorageDriver driver = new MongoStorageDriver();
        try (MessageStorage storage = driver.openMessageStore(
                context(MongoStorageOptions.MESSAGE_STORE_SECTION, values));
             ManagementStorage management = driver.openManagementStore(
                     context(MongoStorageOptions.MANAGEMENT_STORE_SECTION, Map.of("uri", server.uri)))) {
            assertTrue(storage.isAlive());
            assertTrue(management.isAlive());
            storage.queues().create("p", "fizbit", Map.of());
            List<String> ids = storage.messages().post("p", "fizbit", List.of(new NewMessage("{}", 60, 0, null)), "c");
            assertEquals(ids, storage.messages().list("p", "fizbit",
                    new MessageListQuery(null, 10, true, "c", false, false)).items().stream()
                    .map(m -> m.id()).toList());
            // The queue's messages live in the partition upstream's hash picks.
            int partition = MongoSchema.partition(3, "p", "fizbit");
            assertEquals(1, server.client().getDatabase(database + "_messages_p" + partition)
                    .getCollection("messages").countDocuments());
        } finally {
            server.drop(database, 3);
        }
    }

    @Test
    void unreachableServerFailsFastWithStorageUnavailable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Map<String, String> values = Map.of(
                "uri", "mongodb://127.0.0.1:" + closedPort + "/?serverSelectionTimeoutMS=300",
                "max_reconnect_attempts", "2", "reconnect_sleep", "0.01");
        ZaqarException error = assertTimeout(Duration.ofSeconds(10), () -> assertThrows(ZaqarException.class,
                () -> new MongoStorageDriver().openMessageStore(
                        context(MongoStorageOptions.MESSAGE_STORE_SECTION, values))));
        assertEquals(ErrorCode.STORAGE_UNAVAILABLE, error.code());
        assertTrue(error.getMessage().contains("after 2 attempts"), error.getMessage());
    }

    @Test
    void serverLostMidwayIsRetriedThenReportedAsUnavailable() {
        MongoServer server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        String uri = "mongodb://127.0.0.1:" + server.getLocalAddress().getPort() + "/?serverSelectionTimeoutMS=300";
        Map<String, String> values = new HashMap<>(Map.of("uri", uri, "max_reconnect_attempts", "3",
                "reconnect_sleep", "0.01"));
        MessageStorage storage = new MongoStorageDriver().openMessageStore(
                context(MongoStorageOptions.MESSAGE_STORE_SECTION, values));
        try {
            storage.queues().create("p", "q", Map.of());
            assertTrue(storage.isAlive());
            server.shutdownNow();
            assertFalse(storage.isAlive());
            ZaqarException error = assertTimeout(Duration.ofSeconds(15), () -> assertThrows(ZaqarException.class,
                    () -> storage.queues().exists("p", "q")));
            assertEquals(ErrorCode.STORAGE_UNAVAILABLE, error.code());
            assertTrue(error.getMessage().contains("after 3 attempts"), error.getMessage());
        } finally {
            storage.close();
            server.shutdownNow();
        }
    }
}
