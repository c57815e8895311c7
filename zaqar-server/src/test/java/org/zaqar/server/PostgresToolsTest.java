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
import org.zaqar.storage.sql.EmbeddedPostgres;
import org.zaqar.storage.sql.SqlSchema;

/** On PostgreSQL the server refuses a schema that is behind until zaqar-sql-db-manage upgrades it. */
class PostgresToolsTest {
    @TempDir
    Path dir;

    @Test
    void serverRefusesAnUnmigratedSchemaUntilTheToolUpgradesIt() throws Exception {
        String uri = EmbeddedPostgres.instance().createDatabase("tools_" + UUID.randomUUID().toString().replace("-", ""));
        String text = """
                [drivers:transport:wsgi]
                port = 0
                [drivers:message_store:sqlalchemy]
                uri = %s
                [drivers:management_store:sqlalchemy]
                uri = %s
                """.formatted(uri, uri);
        Path config = dir.resolve("zaqar.conf");
        Files.writeString(config, text);

        ZaqarException refused = assertThrows(ZaqarException.class,
                () -> ZaqarServer.start(ZaqarConfig.parse(text), InstantSource.system()).close());
        assertTrue(refused.getMessage().contains("zaqar-sql-db-manage"), refused.getMessage());
        assertTrue(!refused.getMessage().contains("unused-password"), refused.getMessage());

        ToolRun before = ToolRun.run(dir, UpgradeCheck.class, "--config-file", config.toString(), "upgrade", "check");
        assertEquals(2, before.exitCode(), before.toString());
        assertTrue(before.out().contains("Result: Failure") && before.out().contains("zaqar-sql-db-manage"),
                before.toString());

        ToolRun upgrade = ToolRun.run(dir, SqlDbManage.class, "--config-file", config.toString(), "upgrade");
        assertEquals(0, upgrade.exitCode(), upgrade.toString());
        assertTrue(upgrade.out().startsWith("Upgraded postgresql://zaqar:***@127.0.0.1:"), upgrade.toString());
        assertEquals(SqlSchema.withSchema(uri, SqlSchema::latest) + " (head)\n",
                ToolRun.run(dir, SqlDbManage.class, "--config-file", config.toString(), "current").out());

        ToolRun after = ToolRun.run(dir, UpgradeCheck.class, "--config-file", config.toString(), "upgrade", "check");
        assertEquals(0, after.exitCode(), after.toString());

        try (ZaqarServer server = ZaqarServer.start(ZaqarConfig.parse(text), InstantSource.system())) {
            HttpResponse<String> ping = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/v2/ping"))
                    .header("X-Project-ID", "pg").header("Client-ID", "3381af92-2b9e-11e3-b191-71861300734c")
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(204, ping.statusCode());
        }
        ToolRun gc = ToolRun.run(dir, GarbageCollector.class, "--config-file", config.toString());
        assertEquals(0, gc.exitCode(), gc.toString());
    }
}
