package org.zaqar.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zaqar.core.config.ZaqarConfig;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.storage.sql.EmbeddedMariaDb;
import org.zaqar.storage.sql.SqlUpstreamSchemaTest;

/** The schema tools on MariaDB: the server refuses a schema that is behind until zaqar-sql-db-manage upgrades it. */
class MariaDbToolsTest {
    @TempDir
    Path dir;

    private Path config(String uri) throws Exception {
        Path config = dir.resolve("zaqar.conf");
        Files.writeString(config, """
                [drivers:transport:wsgi]
                port = 0
                [drivers:message_store:sqlalchemy]
                uri = %s
                [drivers:management_store:sqlalchemy]
                uri = %s
                """.formatted(uri, uri));
        return config;
    }

    private static String newDatabase() {
        return EmbeddedMariaDb.instance().createDatabase("tools_" + UUID.randomUUID().toString().replace("-", ""));
    }

    @Test
    void upgradeHistoryCurrentAndStatusCheckOnMariaDb() throws Exception {
        Path config = config(newDatabase());
        String text = Files.readString(config);

        ZaqarException refused = assertThrows(ZaqarException.class,
                () -> ZaqarServer.start(ZaqarConfig.parse(text), InstantSource.system()).close());
        assertTrue(refused.getMessage().contains("zaqar-sql-db-manage"), refused.getMessage());
        assertTrue(!refused.getMessage().contains(EmbeddedMariaDb.PASSWORD), refused.getMessage());

        ToolRun before = ToolRun.run(dir, UpgradeCheck.class, "--config-file", config.toString(), "upgrade", "check");
        assertEquals(2, before.exitCode(), before.toString());
        assertTrue(before.out().contains("Result: Failure") && before.out().contains("zaqar-sql-db-manage"),
                before.toString());
        assertEquals("<base> (empty schema)\n",
                ToolRun.run(dir, SqlDbManage.class, "--config-file", config.toString(), "current").out());

        ToolRun upgrade = ToolRun.run(dir, SqlDbManage.class, "--config-file", config.toString(), "upgrade");
        assertEquals(0, upgrade.exitCode(), upgrade.toString());
        assertTrue(upgrade.out().startsWith("Upgraded mysql://zaqar:***@127.0.0.1:"), upgrade.toString());
        assertTrue(upgrade.out().contains("from <base> to 3 (3 migration(s) applied)"), upgrade.toString());
        assertTrue(!upgrade.toString().contains(EmbeddedMariaDb.PASSWORD), upgrade.toString());
        assertEquals("3 (head)\n",
                ToolRun.run(dir, SqlDbManage.class, "--config-file", config.toString(), "current").out());
        ToolRun history = ToolRun.run(dir, SqlDbManage.class, "--config-file", config.toString(), "history");
        assertTrue(history.out().startsWith("2 -> 3 (head) (current), pools flavors catalog\n"), history.toString());

        ToolRun after = ToolRun.run(dir, UpgradeCheck.class, "--config-file", config.toString(), "upgrade", "check");
        assertEquals(0, after.exitCode(), after.toString());

        try (ZaqarServer server = ZaqarServer.start(ZaqarConfig.parse(text), InstantSource.system())) {
            HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/v2/queues/on-mariadb"))
                    .header("X-Project-ID", "mysql").header("Client-ID", "3381af92-2b9e-11e3-b191-71861300734c")
                    .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(201, created.statusCode(), created.body());
        }
        ToolRun gc = ToolRun.run(dir, GarbageCollector.class, "--config-file", config.toString());
        assertEquals(0, gc.exitCode(), gc.toString());
    }

    @Test
    void stampRecordsARevisionOnAnUnversionedSchema() throws Exception {
        Path config = config(newDatabase());
        ToolRun stamp = ToolRun.run(dir, SqlDbManage.class, "--config-file", config.toString(), "stamp", "1");
        assertEquals(0, stamp.exitCode(), stamp.toString());
        assertEquals("1\n", ToolRun.run(dir, SqlDbManage.class, "--config-file", config.toString(), "current").out());
        ToolRun upgrade = ToolRun.run(dir, SqlDbManage.class, "--config-file", config.toString(), "upgrade", "2");
        assertEquals(0, upgrade.exitCode(), upgrade.toString());
        assertTrue(upgrade.out().contains("from 1 to 2 (1 migration(s) applied)"), upgrade.toString());
    }

    @Test
    void upgradeAdoptsUpstreamsManagementDatabaseAndTheServerServesItsPoolsAndFlavors() throws Exception {
        EmbeddedMariaDb mariadb = EmbeddedMariaDb.instance();
        String database = "upstream_" + UUID.randomUUID().toString().replace("-", "");
        String uri = mariadb.createDatabase(database);
        // The flavor's pool must answer: a flavor's capabilities are read from its first pool's store.
        String poolUri = "sqlite:///" + dir.resolve("pool-a.db");
        mariadb.administer(SqlUpstreamSchemaTest.upstreamDatabase("`", "AUTO_INCREMENT", "BLOB", "007").stream()
                .map(sql -> sql.replaceFirst("^(CREATE TABLE|INSERT INTO) ", "$1 " + database + ".")
                        .replace("REFERENCES ", "REFERENCES " + database + ".")
                        .replace("redis://127.0.0.1:6379", poolUri))
                .toArray(String[]::new));
        Path config = dir.resolve("zaqar.conf");
        Files.writeString(config, """
                [DEFAULT]
                pooling = True
                admin_mode = True
                [drivers:transport:wsgi]
                port = 0
                [drivers:message_store:sqlalchemy]
                uri = sqlite:///%s
                [drivers:management_store:sqlalchemy]
                uri = %s
                """.formatted(dir.resolve("messages.db"), uri));

        ToolRun upgrade = ToolRun.run(dir, SqlDbManage.class, "--config-file", config.toString(), "upgrade");
        assertEquals(0, upgrade.exitCode(), upgrade.toString());
        try (ZaqarServer server = ZaqarServer.start(ZaqarConfig.parse(Files.readString(config)), InstantSource.system())) {
            HttpResponse<String> pool = get(server, "/v2/pools/pool-a", "proj-1");
            assertEquals(200, pool.statusCode(), pool.body());
            assertTrue(pool.body().contains(poolUri) && pool.body().matches("(?s).*\"weight\": ?100.*"),
                    pool.body());
            HttpResponse<String> flavor = get(server, "/v2/flavors/gold", "proj-1");
            assertEquals(200, flavor.statusCode(), flavor.body());
        }
    }

    /** An admin's GET: pools and flavors are admin resources. */
    private static HttpResponse<String> get(ZaqarServer server, String path, String project) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + path))
                .header("X-Project-ID", project).header("Client-ID", "3381af92-2b9e-11e3-b191-71861300734c")
                .header("X-Roles", "admin").build(), HttpResponse.BodyHandlers.ofString());
    }
}
