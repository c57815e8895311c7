package org.zaqar.storage.sql;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zaqar.core.error.ZaqarException;

/**
 * A management database of upstream Zaqar's {@code sqlalchemy} driver (alembic revision
 * {@value #REVISION}, the head since Stein), adopted in place by {@code zaqar-sql-db-manage
 * upgrade}: its tables {@code Pools}, {@code Flavors}, {@code Catalogue} and {@code Queues} are
 * renamed with the prefix {@value #PREFIX} (kept, not dropped), this release's schema is created,
 * and the pools, flavors and queue placements are copied into it. Upstream's {@code Queues} rows
 * (the metadata of pooled queues) are not copied: here a queue's metadata lives in its pool.
 */
final class SqlUpstreamSchema {
    static final String REVISION = "007";
    static final String PREFIX = "zaqar15_";
    private static final Logger LOG = LoggerFactory.getLogger(SqlUpstreamSchema.class);
    private static final List<String> TABLES = List.of("Pools", "Flavors", "Catalogue", "Queues");

    private record PoolRow(String name, String uri, long weight, String options, String flavor) {
    }

    private record FlavorRow(String project, String name, String capabilities) {
    }

    private record PlacementRow(String project, String queue, String pool) {
    }

    private SqlUpstreamSchema() {
    }

    /** True when the database holds upstream's schema ({@code alembic_version}) and none of ours. */
    static boolean isUpstream(DataSource dataSource, SqlDialect dialect) {
        try (Connection connection = dataSource.getConnection()) {
            Set<String> tables = tables(connection, dialect);
            return tables.contains("alembic_version") && !tables.contains("flyway_schema_history");
        } catch (SQLException e) {
            throw ZaqarException.unavailable("cannot list the tables of the database: " + e.getMessage(), e);
        }
    }

    /**
     * Renames upstream's tables, runs {@code migrate} (which creates this release's schema) and
     * copies the pools, flavors and placements. Every row is read and checked before anything
     * changes; what was copied is logged.
     *
     * @throws ZaqarException VALIDATION_FAILED when the alembic revision is not {@value #REVISION}
     */
    static void adopt(DataSource dataSource, SqlDialect dialect, Runnable migrate) {
        try {
            List<PoolRow> pools = new ArrayList<>();
            List<FlavorRow> flavors = new ArrayList<>();
            List<PlacementRow> placements = new ArrayList<>();
            int queues;
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                requireRevision(statement);
                try (ResultSet row = statement.executeQuery("SELECT name, uri, weight, options, flavor FROM "
                        + dialect.quote("Pools"))) {
                    while (row.next()) {
                        pools.add(new PoolRow(row.getString(1), row.getString(2), row.getLong(3),
                                json(row.getString(4), "options of pool " + row.getString(1)), row.getString(5)));
                    }
                }
                try (ResultSet row = statement.executeQuery("SELECT project, name, capabilities FROM "
                        + dialect.quote("Flavors"))) {
                    while (row.next()) {
                        flavors.add(new FlavorRow(project(row.getString(1)), row.getString(2),
                                json(row.getString(3), "capabilities of flavor " + row.getString(2))));
                    }
                }
                try (ResultSet row = statement.executeQuery("SELECT project, queue, pool FROM "
                        + dialect.quote("Catalogue") + " WHERE pool IS NOT NULL")) {
                    while (row.next()) {
                        placements.add(new PlacementRow(project(row.getString(1)), row.getString(2), row.getString(3)));
                    }
                }
                try (ResultSet row = statement.executeQuery("SELECT COUNT(*) FROM " + dialect.quote("Queues"))) {
                    row.next();
                    queues = row.getInt(1);
                }
                for (String table : TABLES) {
                    statement.execute("ALTER TABLE " + dialect.quote(table) + " RENAME TO "
                            + PREFIX + table.toLowerCase(Locale.ROOT));
                }
            }
            migrate.run();
            copy(dataSource, pools, flavors, placements);
            LOG.info("adopted upstream Zaqar's management data: {} pool(s), {} flavor(s), {} queue placement(s);"
                    + " upstream's tables are kept as {}*; {} row(s) of queue metadata in its Queues table were"
                    + " not copied", pools.size(), flavors.size(), placements.size(), PREFIX, queues);
        } catch (SQLException e) {
            throw ZaqarException.unavailable("cannot adopt upstream Zaqar's tables: " + e.getMessage(), e);
        }
    }

    private static void requireRevision(Statement statement) throws SQLException {
        List<String> revisions = new ArrayList<>();
        try (ResultSet row = statement.executeQuery("SELECT version_num FROM alembic_version")) {
            while (row.next()) {
                revisions.add(row.getString(1));
            }
        }
        if (!revisions.equals(List.of(REVISION))) {
            throw ZaqarException.validation("this database holds upstream Zaqar's schema at alembic revision "
                    + revisions + "; only revision " + REVISION + " (Stein and later) can be adopted: run upstream's"
                    + " 'zaqar-sql-db-manage upgrade' first");
        }
    }

    private static void copy(DataSource dataSource, List<PoolRow> pools, List<FlavorRow> flavors,
                             List<PlacementRow> placements) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            for (PoolRow pool : pools) {
                SqlStatements.execute(connection, "INSERT INTO pools (name, weight, uri, flavor, options)"
                        + " VALUES (?, ?, ?, ?, ?)", pool.name(), pool.weight(), pool.uri(), pool.flavor(), pool.options());
            }
            for (FlavorRow flavor : flavors) {
                SqlStatements.execute(connection, "INSERT INTO flavors (project, name, capabilities) VALUES (?, ?, ?)",
                        flavor.project(), flavor.name(), flavor.capabilities());
            }
            for (PlacementRow placement : placements) {
                SqlStatements.execute(connection, "INSERT INTO catalogue (project, queue, pool) VALUES (?, ?, ?)",
                        placement.project(), placement.queue(), placement.pool());
            }
            connection.commit();
        }
    }

    /** Upstream stores JSON text or NULL for "none"; here it is always a JSON object. */
    private static String json(String text, String what) {
        if (text == null || text.isBlank()) {
            return "{}";
        }
        try {
            SqlJson.read(text);
        } catch (ZaqarException e) {
            throw ZaqarException.validation("upstream's " + what + " is not a JSON object: " + text);
        }
        return text;
    }

    /** Upstream writes NULL for a request without a project; here that is the empty project. */
    private static String project(String project) {
        return project == null ? "" : project;
    }

    /** The tables of the connection's own database (MySQL) or schema (PostgreSQL), lower-cased. */
    private static Set<String> tables(Connection connection, SqlDialect dialect) throws SQLException {
        DatabaseMetaData metadata = connection.getMetaData();
        String catalog = dialect == SqlDialect.MYSQL ? connection.getCatalog() : null;
        String schema = dialect == SqlDialect.POSTGRESQL ? connection.getSchema() : null;
        Set<String> tables = new TreeSet<>();
        try (ResultSet row = metadata.getTables(catalog, schema, "%", new String[] {"TABLE"})) {
            while (row.next()) {
                tables.add(row.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return tables;
    }
}
