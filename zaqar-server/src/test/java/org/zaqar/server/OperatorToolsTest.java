package org.zaqar.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zaqar.core.config.ConfigSection;
import org.zaqar.core.config.ZaqarConfig;
import org.zaqar.core.model.NewMessage;
import org.zaqar.core.storage.MessageStorage;
import org.zaqar.core.storage.StorageContext;
import org.zaqar.storage.sql.SqlSchema;
import org.zaqar.storage.sql.SqlStorageDriver;

/** zaqar-status, zaqar-sql-db-manage, zaqar-gc and zaqar-server --version, each run as a process. */
class OperatorToolsTest {
    @TempDir
    Path dir;

    /** The newest revision the SQL module ships, read off a scratch file. */
    private String head() {
        return SqlSchema.withSchema("sqlite:///" + dir.resolve("head-probe.db"), SqlSchema::latest);
    }

    private Path config(String extra) throws Exception {
        Path file = dir.resolve("zaqar.conf");
        Files.writeString(file, SqliteServerConfig.stores(dir) + extra);
        return file;
    }

    private ToolRun status(Path config) throws Exception {
        return ToolRun.run(dir, UpgradeCheck.class, "--config-file", config.toString(), "upgrade", "check");
    }

    @Test
    void statusWarnsAboutAnUnmigratedEmbeddedFileAndPassesOnceUpgraded() throws Exception {
        Path config = config("");
        ToolRun before = status(config);
        assertEquals(1, before.exitCode(), before.toString());
        List<String> lines = before.out().lines().toList();
        assertTrue(lines.get(0).matches("\\+-+\\+"), before.toString());
        assertEquals(List.of("| Upgrade Check Results", "| Check: Configuration", "| Result: Success",
                "| Details: None"), lines.subList(1, 7).stream().filter(l -> l.startsWith("|"))
                .map(l -> l.substring(0, l.length() - 1).strip()).toList(), before.toString());
        assertTrue(lines.stream().allMatch(l -> l.length() == lines.get(0).length()), before.toString());
        assertTrue(before.out().contains("| Check: SQL schema revision"), before.toString());
        assertTrue(before.out().contains("| Result: Warning"), before.toString());
        // details wrap at 60 columns; join the wrapped lines before looking for a phrase
        String details = before.out().replaceAll(" *\\|\\n\\| +", " ");
        assertTrue(details.contains("the server migrates this embedded file"), before.toString());

        ToolRun upgrade = ToolRun.run(dir, SqlDbManage.class, "--config-file", config.toString(), "upgrade");
        assertEquals(0, upgrade.exitCode(), upgrade.toString());
        assertTrue(upgrade.out().contains("from <base> to " + head()), upgrade.toString());

        ToolRun after = status(config);
        assertEquals(0, after.exitCode(), after.toString());
        assertEquals(4, after.out().split("Result: Success", -1).length - 1, after.toString());
    }

    @Test
    void statusFailsOnAnInvalidOptionAndWarnsOnAnUnknownOne() throws Exception {
        ToolRun invalid = status(config("[drivers:transport:wsgi]\nport = 70000\n"));
        assertEquals(2, invalid.exitCode(), invalid.toString());
        assertTrue(invalid.out().contains("| Result: Failure"), invalid.toString());
        assertTrue(invalid.out().contains("'70000' is not a port number"), invalid.toString());
        ToolRun json = ToolRun.run(dir, UpgradeCheck.class, "--config-file", dir.resolve("zaqar.conf").toString(),
                "upgrade", "check", "--json");
        assertEquals(2, json.exitCode(), json.toString());
        assertTrue(json.out().startsWith("{\"name\":\"Upgrade Check Results\",\"checks\":[{\"check\":"
                + "\"Configuration\",\"result\":2,\"details\":\"zaqar.conf is invalid"), json.toString());

        ToolRun unknown = status(config("[transport]\nmax_mesages_per_page = 5\n"));
        assertTrue(unknown.out().contains("max_mesages_per_page is not a known option"), unknown.toString());
        assertEquals(1, unknown.exitCode(), unknown.toString());
    }

    @Test
    void statusWarnsAboutAJsonPolicyFileNextToTheConfig() throws Exception {
        Files.writeString(dir.resolve("policy.json"), "{\"admin_or_owner\": \"is_admin:True\"}");
        Path config = config("[oslo_policy]\npolicy_file = policy.json\n");
        ToolRun.run(dir, SqlDbManage.class, "--config-file", config.toString(), "upgrade");
        ToolRun run = status(config);
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.out().contains("| Check: Policy File JSON to YAML Migration"), run.toString());
        assertTrue(run.out().contains("JSON-formatted which is"), run.toString());
    }

    @Test
    void statusFailsWhenPostgresqlIsUnreachable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Path config = dir.resolve("pg.conf");
        Files.writeString(config, """
                [drivers:message_store:sqlalchemy]
                uri = postgresql://zaqar:hunter2@127.0.0.1:%d/zaqar
                [drivers:management_store:sqlalchemy]
                uri = sqlite:///%s
                """.formatted(closedPort, dir.resolve("m.db")));
        ToolRun run = status(config);
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.out().contains("Check: Storage connectivity"), run.toString());
        assertTrue(!run.out().contains("hunter2") && !run.err().contains("hunter2"), run.toString());
    }

    @Test
    void dbManageReportsHistoryAndStampsAnUnversionedSchema() throws Exception {
        Path config = config("");
        String file = config.toString();
        ToolRun current = ToolRun.run(dir, SqlDbManage.class, "--config-file", file, "current");
        assertEquals(0, current.exitCode(), current.toString());
        assertEquals("<base> (empty schema)\n", current.out());

        ToolRun stamp = ToolRun.run(dir, SqlDbManage.class, "--config-file", file, "stamp", "1");
        assertEquals(0, stamp.exitCode(), stamp.toString());
        assertEquals("1\n", ToolRun.run(dir, SqlDbManage.class, "--config-file", file, "current").out());
        ToolRun history = ToolRun.run(dir, SqlDbManage.class, "--config-file", file, "history");
        // newest first, as alembic prints it
        assertTrue(history.out().contains("-> " + head() + " (head), "), history.toString());
        assertTrue(history.out().contains("<base> -> 1 (current), "), history.toString());

        ToolRun unknown = ToolRun.run(dir, SqlDbManage.class, "--config-file", file, "downgrade");
        assertEquals(1, unknown.exitCode(), unknown.toString());
        assertTrue(unknown.err().contains("unknown command 'downgrade'"), unknown.toString());
    }

    @Test
    void dbManageHasNothingToDoWithoutASqlStore() throws Exception {
        Path config = dir.resolve("redis.conf");
        Files.writeString(config, "[drivers]\nmessage_store = redis\nmanagement_store = redis\n");
        ToolRun run = ToolRun.run(dir, SqlDbManage.class, "--config-file", config.toString(), "upgrade");
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.err().contains("no store uses the sqlalchemy driver"), run.toString());
    }

    @Test
    void gcRemovesExpiredMessages() throws Exception {
        Path config = config("");
        String uri = "sqlite:///" + dir.resolve("zaqar.db");
        // Posted two hours ago with a one-minute ttl: expired now.
        InstantSource past = InstantSource.fixed(Instant.now().minus(Duration.ofHours(2)));
        ConfigSection section = new ConfigSection("drivers:message_store:sqlalchemy", Map.of("uri", uri));
        try (MessageStorage storage = new SqlStorageDriver().openMessageStore(
                new StorageContext(section, ZaqarConfig.empty(), past))) {
            storage.queues().create("gc", "old", Map.of());
            storage.messages().post("gc", "old", List.of(new NewMessage("{}", 60, 0, null),
                    new NewMessage("{}", 60, 0, null)), "3381af92-2b9e-11e3-b191-71861300734c");
        }
        assertEquals(2, countMessages());
        ToolRun run = ToolRun.run(dir, GarbageCollector.class, "--config-file", config.toString());
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("collected garbage on the sqlalchemy message store"), run.toString());
        assertTrue(run.out().contains("2 expired messages removed"), run.toString());
        assertEquals(0, countMessages());
    }

    private long countMessages() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("zaqar.db"));
             ResultSet rows = connection.createStatement().executeQuery("SELECT count(*) FROM messages")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Test
    void serverPrintsItsVersionAndHelp() throws Exception {
        ToolRun version = ToolRun.run(dir, Main.class, "--version");
        assertEquals(0, version.exitCode(), version.toString());
        assertTrue(version.out().matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\n"), version.toString());
        ToolRun help = ToolRun.run(dir, Main.class, "--help");
        assertTrue(help.out().contains("--print-config"), help.toString());
        ToolRun bad = ToolRun.run(dir, Main.class, "--verbose-mode");
        assertEquals(2, bad.exitCode(), bad.toString());
    }
}
