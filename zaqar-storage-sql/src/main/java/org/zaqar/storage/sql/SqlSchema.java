package org.zaqar.storage.sql;

import java.util.Arrays;
import java.util.List;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.zaqar.core.error.ZaqarException;

/**
 * The schema migrations of one SQL store, the counterpart of upstream's alembic commands
 * ({@code zaqar-sql-db-manage}). Revisions are Flyway versions ({@code 1}, {@code 2}, ...).
 */
public final class SqlSchema {
    /** One applied or pending migration, as {@code history} lists it. */
    public record Revision(String version, String description, boolean applied) {
        @Override
        public String toString() {
            return version + " " + description + (applied ? "" : " (pending)");
        }
    }

    private final SqlUri uri;
    private final DataSource dataSource;
    private final Flyway flyway;

    SqlSchema(SqlUri uri, DataSource dataSource) {
        this.uri = uri;
        this.dataSource = dataSource;
        this.flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations(uri.dialect().migrations())
                .load();
    }

    /** Connects to the store of a driver {@code uri} option and runs {@code action} on its schema. */
    public static <T> T withSchema(String uri, java.util.function.Function<SqlSchema, T> action) {
        try (SqlDatabase database = SqlDatabase.connect(SqlUri.parse(uri))) {
            return action.apply(database.schema());
        }
    }

    /** The applied revision, or null when the schema is empty (never migrated nor stamped). */
    public String current() {
        MigrationInfo current = info().current();
        return current == null || current.getVersion() == null ? null : current.getVersion().getVersion();
    }

    /** The newest revision this release ships. */
    public String latest() {
        List<Revision> history = history();
        return history.isEmpty() ? null : history.get(history.size() - 1).version();
    }

    /** Revisions this release ships that the store does not have yet. */
    public List<String> pending() {
        return Arrays.stream(info().pending()).map(m -> m.getVersion().getVersion()).toList();
    }

    /**
     * Every revision this release ships, oldest first, applied or not. A revision at or below a
     * {@link #stamp} counts as applied.
     */
    public List<Revision> history() {
        return Arrays.stream(info().all())
                .filter(m -> !m.getType().isBaseline())
                .map(m -> new Revision(m.getVersion().getVersion(), m.getDescription(),
                        m.getState().isApplied() || m.getState() == MigrationState.BELOW_BASELINE))
                .toList();
    }

    /** Applies every pending revision; returns how many were applied. */
    public int upgrade() {
        return upgrade("head");
    }

    /**
     * Applies the pending revisions up to {@code target} ({@code head} for all); returns how many.
     * A management database of upstream Zaqar is adopted first (see {@link SqlUpstreamSchema}).
     */
    public int upgrade(String target) {
        if (SqlUpstreamSchema.isUpstream(dataSource, uri.dialect())) {
            if (!target.equals("head")) {
                throw ZaqarException.validation(uri.redacted() + " holds upstream Zaqar's schema, which only"
                        + " 'upgrade' to head adopts, not 'upgrade " + target + "'");
            }
            int[] applied = new int[1];
            // Upstream's renamed tables stay, so Flyway must accept a schema that is not empty.
            SqlUpstreamSchema.adopt(dataSource, uri.dialect(), () -> applied[0] = migrate(Flyway.configure()
                    .configuration(flyway.getConfiguration()).baselineOnMigrate(true).baselineVersion("0").load()));
            return applied[0];
        }
        return migrate(target.equals("head") ? flyway
                : Flyway.configure().configuration(flyway.getConfiguration()).target(target).load());
    }

    private int migrate(Flyway migrator) {
        try {
            return migrator.migrate().migrationsExecuted;
        } catch (FlywayException e) {
            throw ZaqarException.unavailable("cannot migrate the schema of " + uri.redacted() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Records {@code revision} as applied without running anything, for a schema created by
     * other means. Only an unversioned schema can be stamped.
     */
    public void stamp(String revision) {
        String current = current();
        if (current != null) {
            throw ZaqarException.validation("the schema of " + uri.redacted() + " is already at revision "
                    + current + "; stamp applies to an unversioned schema only");
        }
        if (history().stream().noneMatch(r -> r.version().equals(revision))) {
            throw ZaqarException.validation("no revision '" + revision + "'; known: "
                    + history().stream().map(Revision::version).toList());
        }
        try {
            Flyway.configure()
                    .configuration(flyway.getConfiguration())
                    .baselineVersion(revision)
                    .baselineDescription("stamped by zaqar-sql-db-manage")
                    .load()
                    .baseline();
        } catch (FlywayException e) {
            throw ZaqarException.unavailable("cannot stamp " + uri.redacted() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Fails unless the schema is at the latest revision, with what to run to fix it.
     *
     * @throws ZaqarException STORAGE_UNAVAILABLE naming the current and latest revisions
     */
    void requireLatest() {
        List<String> pending = pending();
        if (!pending.isEmpty() && SqlUpstreamSchema.isUpstream(dataSource, uri.dialect())) {
            throw ZaqarException.unavailable(uri.redacted() + " holds upstream Zaqar's schema (alembic); run"
                    + " 'zaqar-sql-db-manage --config-file /etc/zaqar/zaqar.conf upgrade' first to adopt it", null);
        }
        if (!pending.isEmpty()) {
            String current = current();
            throw ZaqarException.unavailable("the schema of " + uri.redacted() + " is at revision "
                    + (current == null ? "none (empty database)" : current) + " but this release needs "
                    + latest() + "; run 'zaqar-sql-db-manage --config-file /etc/zaqar/zaqar.conf upgrade' first", null);
        }
    }

    private MigrationInfoService info() {
        try {
            return flyway.info();
        } catch (FlywayException e) {
            throw ZaqarException.unavailable("cannot read the schema history of " + uri.redacted() + ": "
                    + e.getMessage(), e);
        }
    }
}
