package org.zaqar.storage.sql;

import static org.zaqar.storage.sql.SqlStatements.execute;
import static org.zaqar.storage.sql.SqlStatements.prepare;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.zaqar.core.error.ErrorCode;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.core.model.Flavor;
import org.zaqar.core.model.Page;
import org.zaqar.core.storage.FlavorStore;

/** Flavors in the {@code flavors} table. */
final class SqlFlavorStore implements FlavorStore {
    private final SqlDatabase database;

    SqlFlavorStore(SqlDatabase database) {
        this.database = database;
    }

    @Override
    public void put(Flavor flavor) {
        String capabilities = SqlJson.write(flavor.capabilities());
        database.transaction(connection -> execute(connection,
                database.dialect().upsert("flavors", "project, name, capabilities", "project, name", "capabilities"),
                flavor.project(), flavor.name(), capabilities));
    }

    @Override
    public Flavor get(String project, String name) {
        List<Flavor> found = database.read(connection -> flavors(connection, "WHERE project = ? AND name = ?",
                project, name));
        if (found.isEmpty()) {
            throw new ZaqarException(ErrorCode.NOT_FOUND, "Flavor " + name + " does not exist");
        }
        return found.getFirst();
    }

    @Override
    public boolean exists(String project, String name) {
        return !database.read(connection -> flavors(connection, "WHERE project = ? AND name = ?", project, name))
                .isEmpty();
    }

    @Override
    public boolean existsInAnyProject(String name) {
        return !database.read(connection -> flavors(connection, "WHERE name = ? LIMIT 1", name)).isEmpty();
    }

    @Override
    public Page<Flavor> list(String project, String marker, int limit) {
        List<Flavor> page = database.read(connection -> flavors(connection,
                "WHERE project = ? AND name > ? ORDER BY name LIMIT ?", project, marker == null ? "" : marker, limit));
        return new Page<>(page, page.isEmpty() ? null : page.getLast().name());
    }

    @Override
    public void delete(String project, String name) {
        database.transaction(connection -> execute(connection, "DELETE FROM flavors WHERE project = ? AND name = ?",
                project, name));
    }

    private static List<Flavor> flavors(Connection connection, String condition, Object... parameters)
            throws SQLException {
        List<Flavor> flavors = new ArrayList<>();
        try (PreparedStatement statement = prepare(connection,
                "SELECT project, name, capabilities FROM flavors " + condition, parameters);
             ResultSet row = statement.executeQuery()) {
            while (row.next()) {
                flavors.add(new Flavor(row.getString(1), row.getString(2), SqlJson.read(row.getString(3))));
            }
        }
        return flavors;
    }
}
