package org.zaqar.storage.sql;

import java.util.Arrays;
import java.util.stream.Collectors;

/** What differs between the databases the driver speaks to. */
public enum SqlDialect {
    /**
     * Embedded default. SQLite has no row locks: writers are serialized by {@code BEGIN IMMEDIATE}
     * (and, within one process, by a lock in {@link SqlDatabase}), so plain selects are safe there.
     */
    SQLITE("db/migration/sqlite", "", 4),
    /** Claims and pops lock the rows they take and skip rows other transactions hold. */
    POSTGRESQL("db/migration/postgresql", " FOR UPDATE SKIP LOCKED", 10),
    /**
     * MySQL 8.0.1+ and MariaDB 10.6+ (the first with {@code SKIP LOCKED}), through MariaDB
     * Connector/J. No {@code ON CONFLICT} and no {@code UPDATE ... RETURNING} there.
     */
    MYSQL("db/migration/mysql", " FOR UPDATE SKIP LOCKED", 10);

    private final String migrations;
    private final String skipLocked;
    private final int poolSize;

    SqlDialect(String migrations, String skipLocked, int poolSize) {
        this.migrations = migrations;
        this.skipLocked = skipLocked;
        this.poolSize = poolSize;
    }

    /** Flyway location of this dialect's schema migrations. */
    String migrations() {
        return "classpath:" + migrations;
    }

    /** Suffix for a select whose rows the transaction takes exclusively, skipping rows others hold. */
    String skipLocked() {
        return skipLocked;
    }

    int poolSize() {
        return poolSize;
    }

    /** Suffix for a select whose rows the transaction is about to change. */
    String forUpdate() {
        return this == SQLITE ? "" : " FOR UPDATE";
    }

    /**
     * An insert of one row of {@code columns} (comma-separated) that does nothing when a row with
     * the same {@code key} exists; the update count tells which happened (1 or 0).
     */
    String insertUnlessPresent(String table, String columns, String key) {
        String values = " (" + columns + ") VALUES (" + SqlStatements.placeholders(count(columns)) + ")";
        return this == MYSQL ? "INSERT IGNORE INTO " + table + values
                : "INSERT INTO " + table + values + " ON CONFLICT (" + key + ") DO NOTHING";
    }

    /** An insert of one row of {@code columns} that, when the {@code key} exists, sets {@code updated} instead. */
    String upsert(String table, String columns, String key, String... updated) {
        String values = " (" + columns + ") VALUES (" + SqlStatements.placeholders(count(columns)) + ")";
        if (this == MYSQL) {
            return "INSERT INTO " + table + values + " ON DUPLICATE KEY UPDATE " + Arrays.stream(updated)
                    .map(column -> column + " = VALUES(" + column + ")").collect(Collectors.joining(", "));
        }
        return "INSERT INTO " + table + values + " ON CONFLICT (" + key + ") DO UPDATE SET " + Arrays.stream(updated)
                .map(column -> column + " = excluded." + column).collect(Collectors.joining(", "));
    }

    /** A table name as written, case kept (upstream's tables are named {@code Pools}, ...). */
    String quote(String name) {
        return this == MYSQL ? "`" + name + "`" : "\"" + name + "\"";
    }

    private static int count(String columns) {
        return columns.split(",").length;
    }
}
