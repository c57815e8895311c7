package org.zaqar.storage.sql;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zaqar.core.config.ConfigSection;
import org.zaqar.core.config.ZaqarConfig;
import org.zaqar.core.error.ErrorCode;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.core.model.Claim;
import org.zaqar.core.model.ClaimRequest;
import org.zaqar.core.model.Message;
import org.zaqar.core.model.NewMessage;
import org.zaqar.core.storage.ManagementStorage;
import org.zaqar.core.storage.MessageStorage;
import org.zaqar.core.storage.StorageContext;
import org.zaqar.core.storage.StorageDriver;
import org.zaqar.core.testing.ManualClock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the contract suites cannot see: discovery, configuration, failures and the SQLite file itself. */
class SqlStorageDriverTest {
    @TempDir
    Path directory;
    private final ManualClock clock = new ManualClock();

    private StorageContext context(String uri) {
        ConfigSection section = new ConfigSection("drivers:message_store:sqlalchemy", Map.of("uri", uri));
        return new StorageContext(section, ZaqarConfig.empty(), clock);
    }

    private String sqliteUri() {
        return "sqlite:///" + directory.resolve("zaqar.db");
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("zaqar.db"));
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    @Test
    void isFoundByServiceLoaderUnderUpstreamsName() {
        List<StorageDriver> drivers = ServiceLoader.load(StorageDriver.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(driver -> driver.name().equals("sqlalchemy"))
                .toList();
        assertEquals(1, drivers.size());
        assertInstanceOf(SqlStorageDriver.class, drivers.getFirst());
    }

    @Test
    void sqliteCommitsWaitForTheDiskUnlessTheOperatorTradesThatForSpeed() {
        assertEquals(2, synchronousPragma(Map.of("uri", sqliteUri())), "FULL by default");
        assertEquals(1, synchronousPragma(Map.of("uri", sqliteUri(), "sqlite_synchronous", "normal")));
        assertEquals(2, synchronousPragma(Map.of("uri", sqliteUri(), "sqlite_synchronous", "FULL")));
        ZaqarException error = assertThrows(ZaqarException.class,
                () -> synchronousPragma(Map.of("uri", sqliteUri(), "sqlite_synchronous", "off")));
        assertEquals(ErrorCode.VALIDATION_FAILED, error.code());
        assertTrue(error.getMessage().contains("'off' is not one of full, normal"), error.getMessage());
    }

    /** SQLite's synchronous setting (1 NORMAL, 2 FULL) on a connection of the store's own pool. */
    private long synchronousPragma(Map<String, String> options) {
        ConfigSection section = new ConfigSection("drivers:message_store:sqlalchemy", options);
        try (SqlMessageStorage storage = (SqlMessageStorage) new SqlStorageDriver()
                .openMessageStore(new StorageContext(section, ZaqarConfig.empty(), clock))) {
            return storage.database().read(connection -> {
                try (Statement statement = connection.createStatement();
                     ResultSet result = statement.executeQuery("PRAGMA synchronous")) {
                    result.next();
                    return result.getLong(1);
                }
            });
        }
    }

    @Test
    void managementStoreIsAliveUntilClosed() {
        ManagementStorage management = new SqlStorageDriver().openManagementStore(context(sqliteUri()));
        assertTrue(management.isAlive());
        management.close();
        assertFalse(management.isAlive());
    }

    @Test
    void aClosedStoreReportsStorageUnavailable() {
        MessageStorage storage = new SqlStorageDriver().openMessageStore(context(sqliteUri()));
        assertTrue(storage.isAlive());
        storage.close();
        assertFalse(storage.isAlive());
        ZaqarException error = assertThrows(ZaqarException.class, () -> storage.queues().exists("p", "q"));
        assertEquals(ErrorCode.STORAGE_UNAVAILABLE, error.code());
    }

    @Test
    void unreachablePostgresqlIsStorageUnavailableWithoutThePassword() throws Exception {
        int closedPort;
        try (var socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ZaqarException error = assertThrows(ZaqarException.class, () -> new SqlStorageDriver()
                .openMessageStore(context("postgresql://zaqar:hunter2@127.0.0.1:" + closedPort + "/zaqar")));
        assertEquals(ErrorCode.STORAGE_UNAVAILABLE, error.code());
        assertTrue(error.getMessage().contains("127.0.0.1:" + closedPort), error.getMessage());
        assertFalse(error.getMessage().contains("hunter2"), error.getMessage());
    }

    @Test
    void badUriIsAValidationError() {
        ZaqarException error = assertThrows(ZaqarException.class,
                () -> new SqlStorageDriver().openMessageStore(context("sqlite://")));
        assertEquals(ErrorCode.VALIDATION_FAILED, error.code());
    }

    @Test
    void sqliteFileUsesWriteAheadLogging() throws SQLException {
        new SqlStorageDriver().openMessageStore(context(sqliteUri())).close();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("zaqar.db"));
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("PRAGMA journal_mode")) {
            result.next();
            assertEquals("wal", result.getString(1));
        }
    }

    @Test
    void collectGarbageRemovesExpiredRows() throws SQLException {
        try (MessageStorage storage = new SqlStorageDriver().openMessageStore(context(sqliteUri()))) {
            storage.queues().create("p", "q", Map.of());
            storage.messages().post("p", "q", List.of(new NewMessage("{}", 60, 0, null),
                    new NewMessage("{}", 60, 0, null), new NewMessage("{}", 600, 0, null)), "c");
            storage.claims().create("p", "q", new ClaimRequest(60, 0, 1));
            clock.advanceSeconds(61);
            storage.collectGarbage();
        }
        assertEquals(1, count("SELECT COUNT(*) FROM messages"));
        assertEquals(0, count("SELECT COUNT(*) FROM claims"));
    }

    @Test
    void twoStoresOnOneFileNeverClaimTheSameMessage() throws Exception {
        MessageStorage first = new SqlStorageDriver().openMessageStore(context(sqliteUri()));
        MessageStorage second = new SqlStorageDriver().openMessageStore(context(sqliteUri()));
        ExecutorService executor = Executors.newFixedThreadPool(6);
        try {
            first.queues().create("p", "q", Map.of());
            first.messages().post("p", "q", IntStream.range(0, 300)
                    .mapToObj(n -> new NewMessage("{}", 3600, 0, null)).toList(), "c");
            List<Future<List<String>>> workers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                MessageStorage storage = i % 2 == 0 ? first : second;
                workers.add(executor.submit(() -> {
                    List<String> received = new ArrayList<>();
                    while (true) {
                        Claim claim = storage.claims().create("p", "q", new ClaimRequest(600, 0, 5));
                        if (claim.messages().isEmpty()) {
                            return received;
                        }
                        received.addAll(claim.messages().stream().map(Message::id).toList());
                    }
                }));
            }
            List<String> all = new ArrayList<>();
            for (Future<List<String>> worker : workers) {
                all.addAll(worker.get());
            }
            assertEquals(300, all.size());
            assertEquals(300, new HashSet<>(all).size());
        } finally {
            executor.shutdownNow();
            first.close();
            second.close();
        }
    }
}
