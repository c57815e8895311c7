package org.zaqar.storage.sql;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zaqar.core.config.ConfigSection;
import org.zaqar.core.config.ZaqarConfig;
import org.zaqar.core.error.ErrorCode;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.core.model.Pool;
import org.zaqar.core.storage.ManagementStorage;
import org.zaqar.core.storage.StorageContext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A management database written by upstream Zaqar's sqlalchemy driver (tables as its alembic
 * migrations 001 to 007 leave them) is adopted by {@code upgrade}: its pools, flavors and queue
 * placements are served afterwards.
 */
public class SqlUpstreamSchemaTest {
    @TempDir
    Path dir;

    /** Upstream's tables at alembic revision 007, with rows, in the quoting of the dialect. */
    public static List<String> upstreamDatabase(String quote, String autoIncrement, String blob, String revision) {
        String pools = quote + "Pools" + quote;
        return List.of(
                "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)",
                "CREATE TABLE " + quote + "Queues" + quote + " (id INTEGER NOT NULL " + autoIncrement + " PRIMARY KEY,"
                        + " project VARCHAR(64), name VARCHAR(64), metadata " + blob + ", UNIQUE (project, name))",
                "CREATE TABLE " + pools + " (name VARCHAR(64) NOT NULL PRIMARY KEY, uri VARCHAR(255) NOT NULL UNIQUE,"
                        + " weight INTEGER NOT NULL, options TEXT, flavor VARCHAR(64))",
                "CREATE TABLE " + quote + "Flavors" + quote + " (name VARCHAR(64) NOT NULL PRIMARY KEY,"
                        + " project VARCHAR(64), capabilities TEXT)",
                "CREATE TABLE " + quote + "Catalogue" + quote + " (pool VARCHAR(64), project VARCHAR(64),"
                        + " queue VARCHAR(64) NOT NULL, UNIQUE (project, queue),"
                        + " FOREIGN KEY (pool) REFERENCES " + pools + " (name) ON DELETE CASCADE)",
                "INSERT INTO alembic_version VALUES ('" + revision + "')",
                "INSERT INTO " + pools + " VALUES ('pool-a', 'redis://127.0.0.1:6379', 100,"
                        + " '{\"max_reconnect_attempts\": 3}', 'gold')",
                "INSERT INTO " + pools + " VALUES ('pool-b', 'mongodb://127.0.0.1:27017', 50, NULL, NULL)",
                "INSERT INTO " + quote + "Flavors" + quote + " VALUES ('gold', 'proj-1', '{\"durable\": true}')",
                "INSERT INTO " + quote + "Flavors" + quote + " VALUES ('plain', NULL, NULL)",
                "INSERT INTO " + quote + "Catalogue" + quote + " VALUES ('pool-a', 'proj-1', 'orders')",
                "INSERT INTO " + quote + "Catalogue" + quote + " VALUES ('pool-b', 'proj-2', 'events')",
                "INSERT INTO " + quote + "Queues" + quote + " (project, name, metadata)"
                        + " VALUES ('proj-1', 'orders', '{\"_flavor\": \"gold\"}')");
    }

    @Test
    void anUpstreamSqliteDatabaseIsAdoptedAndItsPoolsFlavorsAndPlacementsServed() throws SQLException {
        Path file = dir.resolve("zaqar.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement()) {
            for (String sql : upstreamDatabase("\"", "", "BLOB", "007")) {
                statement.execute(sql);
            }
        }
        String uri = "sqlite:///" + file;
        assertEquals(3, (int) SqlSchema.withSchema(uri, schema -> schema.upgrade()));
        assertServed(uri);
        assertEquals(0, (int) SqlSchema.withSchema(uri, schema -> schema.upgrade()), "adopted once only");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement();
             ResultSet kept = statement.executeQuery("SELECT COUNT(*) FROM zaqar15_queues")) {
            kept.next();
            assertEquals(1, kept.getInt(1), "upstream's tables are kept under a prefix");
        }
    }

    @Test
    void anUpstreamMariaDbDatabaseIsAdoptedAndItsPoolsFlavorsAndPlacementsServed() {
        EmbeddedMariaDb server = EmbeddedMariaDb.instance();
        String database = "upstream_" + UUID.randomUUID().toString().replace("-", "");
        String uri = server.createDatabase(database);
        server.administer(upstreamDatabase("`", "AUTO_INCREMENT", "BLOB", "007").stream()
                .map(sql -> sql.replace("CREATE TABLE ", "CREATE TABLE " + database + ".")
                        .replace("INSERT INTO ", "INSERT INTO " + database + ".")
                        .replace("REFERENCES ", "REFERENCES " + database + "."))
                .toArray(String[]::new));
        ZaqarException refused = assertThrows(ZaqarException.class, () -> assertServed(uri));
        assertTrue(refused.getMessage().contains("holds upstream Zaqar's schema")
                && refused.getMessage().contains("zaqar-sql-db-manage"), refused.getMessage());
        assertEquals(3, (int) SqlSchema.withSchema(uri, schema -> schema.upgrade()));
        assertEquals("3", SqlSchema.withSchema(uri, SqlSchema::current));
        assertServed(uri);
    }

    @Test
    void anUpstreamPostgresqlDatabaseIsAdoptedAndItsPoolsFlavorsAndPlacementsServed() throws SQLException {
        String uri = EmbeddedPostgres.instance().createDatabase("upstream_" + UUID.randomUUID().toString().replace("-", ""));
        SqlUri parsed = SqlUri.parse(uri);
        try (Connection connection = DriverManager.getConnection(parsed.jdbcUrl(), parsed.user(), parsed.password());
             Statement statement = connection.createStatement()) {
            for (String sql : upstreamDatabase("\"", "GENERATED BY DEFAULT AS IDENTITY", "BYTEA", "007")) {
                statement.execute(sql);
            }
        }
        assertEquals(3, (int) SqlSchema.withSchema(uri, schema -> schema.upgrade()));
        assertServed(uri);
    }

    @Test
    void anOlderUpstreamRevisionIsRefusedUntouched() throws SQLException {
        Path file = dir.resolve("old.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement()) {
            for (String sql : upstreamDatabase("\"", "", "BLOB", "005")) {
                statement.execute(sql);
            }
        }
        ZaqarException refused = assertThrows(ZaqarException.class,
                () -> SqlSchema.withSchema("sqlite:///" + file, schema -> schema.upgrade()));
        assertEquals(ErrorCode.VALIDATION_FAILED, refused.code());
        assertTrue(refused.getMessage().contains("[005]") && refused.getMessage().contains("007"), refused.getMessage());
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement();
             ResultSet pools = statement.executeQuery("SELECT COUNT(*) FROM \"Pools\"")) {
            pools.next();
            assertEquals(2, pools.getInt(1));
        }
    }

    private static void assertServed(String uri) {
        ConfigSection section = new ConfigSection("drivers:management_store:sqlalchemy", Map.of("uri", uri));
        try (ManagementStorage management = new SqlStorageDriver().openManagementStore(
                new StorageContext(section, ZaqarConfig.empty(), Clock.systemUTC()))) {
            assertEquals(new Pool("pool-a", 100, "redis://127.0.0.1:6379", "gold", Map.of("max_reconnect_attempts", 3)),
                    management.pools().get("pool-a"));
            Pool plain = management.pools().get("pool-b");
            assertEquals(Map.of(), plain.options());
            assertNull(plain.flavor());
            assertEquals(Map.of("durable", true), management.flavors().get("proj-1", "gold").capabilities());
            assertTrue(management.flavors().exists("", "plain"), "upstream's NULL project is the empty project");
            assertEquals("pool-a", management.catalog().lookup("proj-1", "orders"));
            assertEquals("pool-b", management.catalog().lookup("proj-2", "events"));
            assertEquals(1, management.catalog().countInPool("pool-a"));
        }
    }
}
