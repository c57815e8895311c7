package org.zaqar.storage.sql;

import static org.zaqar.storage.sql.SqlStatements.execute;
import static org.zaqar.storage.sql.SqlStatements.prepare;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.zaqar.core.model.Page;
import org.zaqar.core.storage.CatalogStore;

/** Queue placements in the {@code catalogue} table (upstream's name). */
final class SqlCatalogStore implements CatalogStore {
    private final SqlDatabase database;

    SqlCatalogStore(SqlDatabase database) {
        this.database = database;
    }

    @Override
    public String insert(String project, String queue, String pool) {
        return database.transaction(connection -> {
            // A concurrent insert of the queue makes this one wait for it, then do nothing.
            execute(connection, database.dialect().insertUnlessPresent("catalogue", "project, queue, pool",
                    "project, queue"), project, queue, pool);
            return placement(connection, project, queue);
        });
    }

    @Override
    public String lookup(String project, String queue) {
        return database.read(connection -> placement(connection, project, queue));
    }

    private static String placement(Connection connection, String project, String queue) throws SQLException {
        try (PreparedStatement statement = prepare(connection,
                "SELECT pool FROM catalogue WHERE project = ? AND queue = ?", project, queue);
             ResultSet row = statement.executeQuery()) {
            return row.next() ? row.getString(1) : null;
        }
    }

    @Override
    public void delete(String project, String queue) {
        database.transaction(connection -> execute(connection,
                "DELETE FROM catalogue WHERE project = ? AND queue = ?", project, queue));
    }

    @Override
    public Page<String> list(String project, String marker, int limit) {
        List<String> names = database.read(connection -> {
            List<String> found = new ArrayList<>();
            try (PreparedStatement statement = prepare(connection,
                    "SELECT queue FROM catalogue WHERE project = ? AND queue > ? ORDER BY queue LIMIT ?",
                    project, marker == null ? "" : marker, limit);
                 ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    found.add(row.getString(1));
                }
            }
            return found;
        });
        return new Page<>(names, names.isEmpty() ? null : names.getLast());
    }

    @Override
    public long count(String project) {
        return count("SELECT COUNT(*) FROM catalogue WHERE project = ?", project);
    }

    @Override
    public long countInPool(String pool) {
        return count("SELECT COUNT(*) FROM catalogue WHERE pool = ?", pool);
    }

    private long count(String sql, String parameter) {
        return database.read(connection -> {
            try (PreparedStatement statement = prepare(connection, sql, parameter);
                 ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        });
    }
}
