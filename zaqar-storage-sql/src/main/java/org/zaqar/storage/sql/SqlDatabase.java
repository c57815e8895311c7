package org.zaqar.storage.sql;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.concurrent.locks.ReentrantLock;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.core.log.LogThrottle;

/**
 * The connection pool of one store, with the schema migrated, and the one place where SQL
 * failures become {@link ZaqarException}s.
 */
final class SqlDatabase implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SqlDatabase.class);
    /** Every call fails while the database is down: its warning once per interval per database. */
    private static final LogThrottle OUTAGES = LogThrottle.forOutages();
    /** Codes for a transaction that lost a race and may simply be run again (MySQL reports a deadlock as 40001). */
    private static final String SERIALIZATION_FAILURE = "40001";
    private static final String DEADLOCK_DETECTED = "40P01";
    private static final int ATTEMPTS = 3;

    /** Work done on one connection; SQL errors are translated by the caller. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final SqlUri uri;
    private final HikariDataSource pool;
    /** SQLite allows one writer at a time; queueing writers here beats spinning on SQLITE_BUSY. */
    private final ReentrantLock writeLock = new ReentrantLock(true);

    /** SQLite's {@code synchronous} pragma: when a commit waits for the disk. */
    enum Synchronous {
        /** Every commit reaches the disk before it is acknowledged: survives an operating system crash. */
        FULL,
        /** Commits reach the disk at WAL checkpoints: survives a process kill, not an operating system crash. */
        NORMAL;

        /**
         * @throws ZaqarException VALIDATION_FAILED naming the allowed values
         */
        static Synchronous parse(String value) {
            for (Synchronous candidate : values()) {
                if (candidate.name().equalsIgnoreCase(value.strip())) {
                    return candidate;
                }
            }
            throw ZaqarException.validation("sqlite_synchronous = '" + value + "' is not one of full, normal");
        }
    }

    private SqlDatabase(SqlUri uri, Synchronous synchronous) {
        this.uri = uri;
        this.pool = openPool(uri, synchronous);
        if (uri.dialect() == SqlDialect.MYSQL) {
            try {
                SqlMysqlServer.requireSupported(read(c -> c.getMetaData().getDatabaseProductVersion()), uri.redacted());
            } catch (RuntimeException e) {
                pool.close();
                throw e;
            }
        }
    }

    /** A connection pool only, for the schema tools: the schema is neither checked nor changed. */
    static SqlDatabase connect(SqlUri uri) {
        return new SqlDatabase(uri, Synchronous.FULL);
    }

    /**
     * A store ready to serve. The embedded SQLite file is created or migrated here (one local
     * process cannot race); a PostgreSQL or MySQL schema must already be at the latest revision,
     * migrated beforehand with {@code zaqar-sql-db-manage upgrade}, as upstream requires.
     *
     * @param synchronous SQLite's durability; ignored by the other databases
     * @throws ZaqarException STORAGE_UNAVAILABLE when unreachable, too old or the schema is behind
     */
    static SqlDatabase open(SqlUri uri, Synchronous synchronous) {
        SqlDatabase database = new SqlDatabase(uri, synchronous);
        try {
            if (uri.dialect() == SqlDialect.SQLITE) {
                database.schema().upgrade();
            } else {
                database.schema().requireLatest();
            }
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        return database;
    }

    SqlSchema schema() {
        return new SqlSchema(uri, pool);
    }

    private static HikariDataSource openPool(SqlUri uri, Synchronous synchronous) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("zaqar-" + uri.dialect().name().toLowerCase(Locale.ROOT));
        config.setJdbcUrl(uri.jdbcUrl());
        config.setUsername(uri.user());
        config.setPassword(uri.password());
        config.setMaximumPoolSize(uri.dialect().poolSize());
        config.setConnectionTimeout(10_000);
        if (uri.dialect() == SqlDialect.SQLITE) {
            createParentDirectories(uri);
            config.setDriverClassName("org.sqlite.JDBC");
            config.addDataSourceProperty("journal_mode", "WAL");
            config.addDataSourceProperty("synchronous", synchronous.name());
            config.addDataSourceProperty("busy_timeout", "30000");
            // Take the write lock when a transaction begins, not when it first writes: a
            // read-then-write transaction could otherwise fail instead of waiting its turn.
            config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
        } else if (uri.dialect() == SqlDialect.MYSQL) {
            config.setDriverClassName("org.mariadb.jdbc.Driver");
            // MySQL 8's default authentication (caching_sha2_password) sends the password over an
            // unencrypted connection only RSA-encrypted, with the server's key: PyMySQL fetches
            // that key from the server, so deployments that work with upstream expect it.
            config.addDataSourceProperty("allowPublicKeyRetrieval", "true");
            uri.properties().forEach(config::addDataSourceProperty);
            // InnoDB's default, REPEATABLE READ, mixes a snapshot for plain reads with the latest rows
            // for locking reads, and takes gap locks: claims with SKIP LOCKED want neither.
            config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        } else {
            config.setDriverClassName("org.postgresql.Driver");
        }
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw ZaqarException.unavailable("cannot connect to " + uri.redacted() + ": " + rootCause(e), e);
        }
    }

    private static void createParentDirectories(SqlUri uri) {
        try {
            Files.createDirectories(uri.sqliteFile().getParent());
        } catch (IOException e) {
            throw ZaqarException.unavailable("cannot create the directory of " + uri.sqliteFile() + ": " + e, e);
        }
    }

    SqlDialect dialect() {
        return uri.dialect();
    }

    /** Runs {@code work} on a connection in auto-commit mode: for single-statement reads. */
    <T> T read(Work<T> work) {
        try (Connection connection = pool.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /**
     * Runs {@code work} in one transaction, committed when it returns and rolled back when it
     * throws. A transaction PostgreSQL or MySQL aborted for a deadlock or serialization failure is retried.
     */
    <T> T transaction(Work<T> work) {
        boolean serialized = uri.dialect() == SqlDialect.SQLITE;
        if (serialized) {
            writeLock.lock();
        }
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    return attemptTransaction(work);
                } catch (SQLException e) {
                    boolean retryable = SERIALIZATION_FAILURE.equals(e.getSQLState())
                            || DEADLOCK_DETECTED.equals(e.getSQLState());
                    if (!retryable || attempt == ATTEMPTS) {
                        throw failure(e);
                    }
                }
            }
        } finally {
            if (serialized) {
                writeLock.unlock();
            }
        }
    }

    private <T> T attemptTransaction(Work<T> work) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    boolean isAlive() {
        try (Connection connection = pool.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private ZaqarException failure(SQLException e) {
        // SQLite reports no SQLState, only its own result code.
        String code = e.getSQLState() != null ? "SQLState " + e.getSQLState() : "error code " + e.getErrorCode();
        OUTAGES.permit(uri.redacted()).ifPresent(held -> LOG.warn("SQL storage {} failed ({}){}", uri.redacted(), code,
                OUTAGES.held(held), e));
        // Clients see no host or database name; the log above has the details.
        return ZaqarException.unavailable("the SQL storage failed (" + code + ")", e);
    }

    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName();
    }

    @Override
    public void close() {
        pool.close();
    }
}
