package org.zaqar.storage.sql;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.zaqar.core.error.ErrorCode;
import org.zaqar.core.error.ZaqarException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqlUriTest {

    @Test
    void sqliteRelativePathResolvesAgainstTheWorkingDirectory() {
        SqlUri uri = SqlUri.parse("sqlite:///data/zaqar.db");
        Path expected = Path.of("data/zaqar.db").toAbsolutePath().normalize();
        assertEquals(SqlDialect.SQLITE, uri.dialect());
        assertEquals(expected, uri.sqliteFile());
        assertEquals("jdbc:sqlite:" + expected, uri.jdbcUrl());
        assertNull(uri.user());
    }

    @Test
    void sqliteAbsolutePathHasFourSlashes() {
        SqlUri uri = SqlUri.parse("sqlite:////var/lib/zaqar/zaqar.db");
        assertEquals(Path.of("/var/lib/zaqar/zaqar.db"), uri.sqliteFile());
        assertEquals("jdbc:sqlite:/var/lib/zaqar/zaqar.db", uri.jdbcUrl());
    }

    @Test
    void theDefaultIsASqliteFileUnderData() {
        assertEquals(Path.of("data", "zaqar.db").toAbsolutePath(), SqlUri.parse(SqlUri.DEFAULT).sqliteFile());
    }

    @Test
    void inMemorySqliteIsRejected() {
        assertInvalid("sqlite://", "in-memory");
        assertInvalid("sqlite:///:memory:", "in-memory");
    }

    @Test
    void postgresqlWithCredentialsPortAndDatabase() {
        SqlUri uri = SqlUri.parse("postgresql://zaqar:s3cret@db.example.com:5433/queues");
        assertEquals(SqlDialect.POSTGRESQL, uri.dialect());
        assertEquals("jdbc:postgresql://db.example.com:5433/queues", uri.jdbcUrl());
        assertEquals("zaqar", uri.user());
        assertEquals("s3cret", uri.password());
        assertNull(uri.sqliteFile());
    }

    @Test
    void pythonDriverSuffixIsIgnoredAndQueryIsKept() {
        SqlUri uri = SqlUri.parse("postgresql+psycopg2://zaqar@localhost/zaqar?sslmode=require");
        assertEquals("jdbc:postgresql://localhost/zaqar?sslmode=require", uri.jdbcUrl());
        assertEquals("zaqar", uri.user());
        assertNull(uri.password());
    }

    @Test
    void percentEncodedCredentialsAreDecoded() {
        SqlUri uri = SqlUri.parse("postgresql://us%40er:p%3Aw%40rd+1@host/db");
        assertEquals("us@er", uri.user());
        assertEquals("p:w@rd+1", uri.password());
        assertEquals("jdbc:postgresql://host/db", uri.jdbcUrl());
    }

    @Test
    void postgresqlWithoutCredentials() {
        SqlUri uri = SqlUri.parse("postgresql://localhost:5432/zaqar");
        assertNull(uri.user());
        assertNull(uri.password());
        assertEquals("jdbc:postgresql://localhost:5432/zaqar", uri.jdbcUrl());
    }

    @Test
    void thePasswordNeverShowsInTheRedactedForm() {
        SqlUri uri = SqlUri.parse("postgresql://zaqar:s3cret@db:5432/zaqar");
        assertEquals("postgresql://zaqar:***@db:5432/zaqar", uri.redacted());
        assertFalse(uri.toString().contains("s3cret"));
    }

    @Test
    void badUrisAreRejectedWithoutEchoingSecrets() {
        assertInvalid("oracle://u:topsecret@h/db", "not supported");
        assertInvalid("postgresql://u:topsecret@host", "no database");
        assertInvalid("postgresql://u:topsecret@/db", "no host");
        assertInvalid("zaqar.db", "no scheme");
        assertInvalid("sqlite:relative.db", "no scheme");
    }

    private static void assertInvalid(String uri, String reason) {
        ZaqarException error = assertThrows(ZaqarException.class, () -> SqlUri.parse(uri));
        assertEquals(ErrorCode.VALIDATION_FAILED, error.code());
        assertTrue(error.getMessage().contains(reason), error.getMessage());
        assertFalse(error.getMessage().contains("topsecret"), error.getMessage());
    }
}
