package org.zaqar.storage.sql;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.zaqar.core.config.ConfigSection;
import org.zaqar.core.config.ZaqarConfig;
import org.zaqar.core.error.ErrorCode;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.core.model.MessageListQuery;
import org.zaqar.core.model.NewMessage;
import org.zaqar.core.model.Pool;
import org.zaqar.core.storage.ManagementStorage;
import org.zaqar.core.storage.MessageStorage;
import org.zaqar.core.storage.StorageContext;
import org.zaqar.core.testing.ManualClock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the contract suites cannot see on MariaDB: connecting by socket, character sets, key sizes, the schema gate. */
class MariaDbStoreTest {
    private final ManualClock clock = new ManualClock();

    private MessageStorage openMessages(String uri) {
        return new SqlStorageDriver().openMessageStore(new StorageContext(
                new ConfigSection("drivers:message_store:sqlalchemy", Map.of("uri", uri)), ZaqarConfig.empty(), clock));
    }

    private static String migrated(String uri) {
        SqlSchema.withSchema(uri, SqlSchema::upgrade);
        return uri;
    }

    @Test
    void connectsThroughTheUnixSocket() {
        EmbeddedMariaDb server = EmbeddedMariaDb.instance();
        String uri = migrated(server.uri());
        String socketUri = "mysql+pymysql://" + EmbeddedMariaDb.USER + ":" + EmbeddedMariaDb.PASSWORD + "@/"
                + EmbeddedMariaDb.DATABASE + "?unix_socket=" + server.socket();
        String pool = "socket-" + UUID.randomUUID();
        try (ManagementStorage management = new SqlStorageDriver().openManagementStore(new StorageContext(
                new ConfigSection("drivers:management_store:sqlalchemy", Map.of("uri", socketUri)),
                ZaqarConfig.empty(), clock))) {
            management.pools().put(new Pool(pool, 10, "redis://" + pool, null, Map.of()));
        }
        try (MessageStorage storage = openMessages(uri)) {
            assertTrue(storage.isAlive());
        }
        try (ManagementStorage management = new SqlStorageDriver().openManagementStore(new StorageContext(
                new ConfigSection("drivers:management_store:sqlalchemy", Map.of("uri", uri)),
                ZaqarConfig.empty(), clock))) {
            assertEquals(10, management.pools().get(pool).weight(), "written through the socket, read over TCP");
        }
    }

    /** The x509 user's URI over TCP with the given query. */
    private static String x509Uri(String query) {
        return "mysql+pymysql://" + EmbeddedMariaDb.X509_USER + ":" + EmbeddedMariaDb.PASSWORD + "@127.0.0.1:"
                + EmbeddedMariaDb.instance().port() + "/" + EmbeddedMariaDb.DATABASE + "?" + query;
    }

    private ManagementStorage openManagement(String uri) {
        return new SqlStorageDriver().openManagementStore(new StorageContext(
                new ConfigSection("drivers:management_store:sqlalchemy", Map.of("uri", uri)), ZaqarConfig.empty(), clock));
    }

    @Test
    void tlsWithTheServersCaAndAPemClientCertificate() {
        TestCertificates files = EmbeddedMariaDb.instance().certificates();
        migrated(EmbeddedMariaDb.instance().uri());
        for (Path key : List.of(files.clientKey(), files.clientRsaKey())) {
            try (ManagementStorage management = openManagement(x509Uri("charset=utf8&ssl_ca=" + files.ca()
                    + "&ssl_cert=" + files.clientCertificate() + "&ssl_key=" + key))) {
                assertTrue(management.isAlive(), key.toString());
                management.pools().list(null, 1);
            }
        }
    }

    @Test
    void withoutItsClientCertificateOrAgainstAnotherCaTheConnectionIsRefused() {
        TestCertificates files = EmbeddedMariaDb.instance().certificates();
        migrated(EmbeddedMariaDb.instance().uri());
        String wrongCa = x509Uri("ssl_ca=" + files.otherCa() + "&ssl_cert=" + files.clientCertificate()
                + "&ssl_key=" + files.clientKey());
        for (String uri : List.of(x509Uri("ssl_ca=" + files.ca()), x509Uri("ssl=true"), wrongCa)) {
            ZaqarException refused = assertThrows(ZaqarException.class, () -> openManagement(uri).close(), uri);
            assertEquals(ErrorCode.STORAGE_UNAVAILABLE, refused.code());
            assertFalse(refused.getMessage().contains(EmbeddedMariaDb.PASSWORD), refused.getMessage());
        }
    }

    @Test
    void textIsUtf8mb4AndNamesAreCaseSensitiveWhateverTheUriCharset() {
        try (MessageStorage storage = openMessages(migrated(EmbeddedMariaDb.instance().uri()))) {
            String project = "p-" + UUID.randomUUID();
            assertTrue(storage.queues().create(project, "Orders", Map.of("note", "emoji 🐘 and ünïcode")));
            assertTrue(storage.queues().create(project, "orders", Map.of()), "a name differing in case is another queue");
            assertEquals("emoji 🐘 and ünïcode", storage.queues().getMetadata(project, "Orders").get("note"));
            storage.messages().post(project, "Orders", List.of(new NewMessage(
                    "\"🐘\"", 300, 0, null)), "client");
            assertEquals("\"🐘\"", storage.messages().list(project, "Orders",
                    new MessageListQuery(null, 10, true, "client", false, false))
                    .items().getFirst().body());
        }
    }

    @Test
    void longProjectIdsAndSubscriberUrlsFitTheKeys() {
        try (MessageStorage storage = openMessages(migrated(EmbeddedMariaDb.instance().uri()))) {
            String project = "p".repeat(250) + UUID.randomUUID().toString().substring(0, 6);
            String subscriber = "http://example.com/" + "x".repeat(3000);
            String queue = "q".repeat(64);
            storage.queues().create(project, queue, Map.of());
            storage.subscriptions().create(project, queue, subscriber, 3600, Map.of());
            ZaqarException duplicate = assertThrows(ZaqarException.class,
                    () -> storage.subscriptions().create(project, queue, subscriber, 3600, Map.of()));
            assertEquals(ErrorCode.CONFLICT, duplicate.code());
            storage.subscriptions().create(project, queue, subscriber + "y", 3600, Map.of());
        }
    }

    @Test
    void theServerRefusesASchemaThatIsBehind() {
        String uri = EmbeddedMariaDb.instance().createDatabase("behind_" + UUID.randomUUID().toString().replace("-", ""));
        ZaqarException refused = assertThrows(ZaqarException.class, () -> openMessages(uri).close());
        assertEquals(ErrorCode.STORAGE_UNAVAILABLE, refused.code());
        assertTrue(refused.getMessage().contains("zaqar-sql-db-manage") && !refused.getMessage().contains(
                EmbeddedMariaDb.PASSWORD), refused.getMessage());
        assertEquals(3, (int) SqlSchema.withSchema(uri, schema -> schema.upgrade()));
        openMessages(uri).close();
    }
}
