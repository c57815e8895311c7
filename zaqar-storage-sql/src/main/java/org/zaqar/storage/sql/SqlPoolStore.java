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
import org.zaqar.core.model.Page;
import org.zaqar.core.model.Pool;
import org.zaqar.core.storage.PoolStore;

/** Pools in the {@code pools} table. */
final class SqlPoolStore implements PoolStore {
    private static final String COLUMNS = "name, weight, uri, flavor, options";

    private final SqlDatabase database;

    SqlPoolStore(SqlDatabase database) {
        this.database = database;
    }

    @Override
    public void put(Pool pool) {
        String options = SqlJson.write(pool.options());
        database.transaction(connection -> {
            List<Pool> sameUri = pools(connection, "WHERE uri = ? AND name <> ?", pool.uri(), pool.name());
            if (!sameUri.isEmpty()) {
                throw new ZaqarException(ErrorCode.CONFLICT, "The database URI is in use by another pool.");
            }
            return execute(connection, database.dialect().upsert("pools", COLUMNS, "name",
                            "weight", "uri", "flavor", "options"),
                    pool.name(), pool.weight(), pool.uri(), pool.flavor(), options);
        });
    }

    @Override
    public Pool get(String name) {
        List<Pool> found = database.read(connection -> pools(connection, "WHERE name = ?", name));
        if (found.isEmpty()) {
            throw new ZaqarException(ErrorCode.NOT_FOUND, "Pool " + name + " does not exist");
        }
        return found.getFirst();
    }

    @Override
    public boolean exists(String name) {
        return !database.read(connection -> pools(connection, "WHERE name = ?", name)).isEmpty();
    }

    @Override
    public Page<Pool> list(String marker, int limit) {
        List<Pool> page = database.read(connection -> pools(connection, "WHERE name > ? ORDER BY name LIMIT ?",
                marker == null ? "" : marker, limit));
        return new Page<>(page, page.isEmpty() ? null : page.getLast().name());
    }

    @Override
    public List<Pool> byFlavor(String flavor) {
        return database.read(connection -> flavor == null
                ? pools(connection, "WHERE flavor IS NULL ORDER BY name")
                : pools(connection, "WHERE flavor = ? ORDER BY name", flavor));
    }

    @Override
    public void delete(String name) {
        database.transaction(connection -> execute(connection, "DELETE FROM pools WHERE name = ?", name));
    }

    private static List<Pool> pools(Connection connection, String condition, Object... parameters)
            throws SQLException {
        List<Pool> pools = new ArrayList<>();
        try (PreparedStatement statement = prepare(connection, "SELECT " + COLUMNS + " FROM pools " + condition,
                parameters); ResultSet row = statement.executeQuery()) {
            while (row.next()) {
                pools.add(new Pool(row.getString(1), row.getLong(2), row.getString(3), row.getString(4),
                        SqlJson.read(row.getString(5))));
            }
        }
        return pools;
    }
}
