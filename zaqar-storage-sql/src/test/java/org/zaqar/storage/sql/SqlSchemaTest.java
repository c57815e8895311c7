package org.zaqar.storage.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zaqar.core.config.ConfigSection;
import org.zaqar.core.config.ZaqarConfig;
import org.zaqar.core.error.ErrorCode;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.core.storage.MessageStorage;
import org.zaqar.core.storage.StorageContext;

/** Schema revisions: SQLite migrates itself on open, PostgreSQL must be migrated first. */
class SqlSchemaTest {
    @TempDir
    Path dir;

    private static MessageStorage open(String uri) {
        ConfigSection section = new ConfigSection("drivers:message_store:sqlalchemy", Map.of("uri", uri));
        return new SqlStorageDriver().openMessageStore(
                new StorageContext(section, ZaqarConfig.empty(), InstantSource.system()));
    }

    @Test
    void theEmbeddedSqliteStoreMigratesItselfOnOpen() {
        String uri = "sqlite:///" + dir.resolve("fresh.db");
        assertNull(SqlSchema.withSchema(uri, SqlSchema::current));
        open(uri).close();
        assertEquals(List.of(), SqlSchema.withSchema(uri, SqlSchema::pending));
        assertEquals(SqlSchema.withSchema(uri, SqlSchema::latest), SqlSchema.withSchema(uri, SqlSchema::current));
    }

    @Test
    void stampMarksAnUnversionedSchemaOnly() {
        String uri = "sqlite:///" + dir.resolve("stamped.db");
        SqlSchema.withSchema(uri, schema -> {
            schema.stamp("1");
            return null;
        });
        assertEquals("1", SqlSchema.withSchema(uri, SqlSchema::current));
        ZaqarException again = assertThrows(ZaqarException.class,
                () -> SqlSchema.withSchema(uri, schema -> {
                    schema.stamp("1");
                    return null;
                }));
        assertTrue(again.getMessage().contains("already at revision 1"), again.getMessage());
    }

    @Test
    void postgresqlRefusesASchemaThatIsBehindUntilUpgraded() {
        String uri = EmbeddedPostgres.instance().createDatabase("schema_" + UUID.randomUUID().toString().replace("-", ""));
        ZaqarException behind = assertThrows(ZaqarException.class, () -> open(uri));
        assertEquals(ErrorCode.STORAGE_UNAVAILABLE, behind.code());
        assertTrue(behind.getMessage().contains("is at revision none (empty database)"), behind.getMessage());
        assertTrue(behind.getMessage().contains("zaqar-sql-db-manage"), behind.getMessage());
        assertTrue(SqlSchema.withSchema(uri, schema -> schema.upgrade()) > 0);
        try (MessageStorage storage = open(uri)) {
            assertTrue(storage.isAlive());
        }
        assertEquals(0, (int) SqlSchema.withSchema(uri, schema -> schema.upgrade()));
        assertTrue(SqlSchema.withSchema(uri, SqlSchema::history).stream().allMatch(SqlSchema.Revision::applied));
    }
}
