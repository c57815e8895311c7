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
    /** PostgreSQL's codes for a transaction that lost a race and may simply be run again. */
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

    private SqlDatabase(SqlUri uri) {
        this.uri = uri;
        this.pool = openPool(uri);
    }

    /** A connection pool only, for the schema tools: the schema is neither checked nor changed. */
    static SqlDatabase connect(SqlUri uri) {
        return new SqlDatabase(uri);
    }

    /**
     * A store ready to serve. The embedded SQLite file is created or migrated here (one local
     * process cannot race); a PostgreSQL schema must already be at the latest revision, migrated
     * beforehand with {@code zaqar-sql-db-manage upgrade}, as upstream requires.
     *
     * @throws ZaqarException STORAGE_UNAVAILABLE when unreachable or the schema is behind
     */
    static SqlDatabase open(SqlUri uri) {
        SqlDatabase database = new SqlDatabase(uri);
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

    private static HikariDataSource openPool(SqlUri uri) {
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
            config.addDataSourceProperty("synchronous", "NORMAL");
            config.addDataSourceProperty("busy_timeout", "30000");
            // Take the write lock when a transaction begins, not when it first writes: a
            // read-then-write transaction could otherwise fail instead of waiting its turn.
            config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
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
     * throws. A transaction PostgreSQL aborted for a deadlock or serialization failure is retried.
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
