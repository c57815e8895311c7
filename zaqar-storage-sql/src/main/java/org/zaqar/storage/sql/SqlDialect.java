package org.zaqar.storage.sql;

/** What differs between the two databases the driver speaks to. */
public enum SqlDialect {
    /**
     * Embedded default. SQLite has no row locks: writers are serialized by {@code BEGIN IMMEDIATE}
     * (and, within one process, by a lock in {@link SqlDatabase}), so plain selects are safe there.
     */
    SQLITE("db/migration/sqlite", "", 4),
    /** Claims and pops lock the rows they take and skip rows other transactions hold. */
    POSTGRESQL("db/migration/postgresql", " FOR UPDATE SKIP LOCKED", 10);

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
        return this == POSTGRESQL ? " FOR UPDATE" : "";
    }
}
