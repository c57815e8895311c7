package org.zaqar.storage.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.zaqar.core.error.ErrorCode;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.core.model.Page;
import org.zaqar.core.model.Subscription;
import org.zaqar.core.storage.SubscriptionStore;

import static org.zaqar.storage.sql.SqlStatements.execute;
import static org.zaqar.storage.sql.SqlStatements.prepare;

/** Subscriptions in one table; a unique index on (project, source, subscriber) rules out duplicates. */
final class SqlSubscriptionStore implements SubscriptionStore {
    private static final String COLUMNS = "id, source, subscriber, ttl, created_at, options, confirmed";

    private final SqlDatabase database;
    private final InstantSource clock;

    SqlSubscriptionStore(SqlDatabase database, InstantSource clock) {
        this.database = database;
        this.clock = clock;
    }

    @Override
    public String create(String project, String source, String subscriber, int ttl, Map<String, Object> options) {
        long now = clock.millis();
        String id = SqlStatements.newId();
        String json = SqlJson.write(options);
        int inserted = database.transaction(connection -> {
            execute(connection, "DELETE FROM subscriptions WHERE project = ? AND source = ? AND subscriber = ?"
                    + " AND expires_at <= ?", project, source, subscriber, now);
            return execute(connection, database.dialect().insertUnlessPresent("subscriptions",
                    "id, project, source, subscriber, ttl, created_at, expires_at, options, confirmed",
                    "project, source, subscriber"),
                    id, project, source, subscriber, ttl, now, now + ttl * 1000L, json, 0);
        });
        if (inserted == 0) {
            throw duplicate(source, subscriber);
        }
        return id;
    }

    @Override
    public Subscription get(String project, String source, String id) {
        List<Subscription> found = select("WHERE project = ? AND source = ? AND id = ? AND expires_at > ?",
                project, source, id, clock.millis());
        if (found.isEmpty()) {
            throw notFound(source, id);
        }
        return found.getFirst();
    }

    @Override
    public Subscription getBySubscriber(String project, String source, String subscriber) {
        List<Subscription> found = select("WHERE project = ? AND source = ? AND subscriber = ? AND expires_at > ?",
                project, source, subscriber, clock.millis());
        return found.isEmpty() ? null : found.getFirst();
    }

    @Override
    public Page<Subscription> list(String project, String source, String marker, int limit) {
        List<Subscription> items = select("WHERE project = ? AND source = ? AND id > ? AND expires_at > ?"
                + " ORDER BY id LIMIT ?", project, source, marker == null ? "" : marker, clock.millis(), limit);
        return new Page<>(items, items.isEmpty() ? null : items.getLast().id());
    }

    @Override
    public void update(String project, String source, String id, String subscriber, Integer ttl,
                       Map<String, Object> options) {
        long now = clock.millis();
        int updated = database.transaction(connection -> {
            if (subscriber != null && takenByAnother(connection, project, source, id, subscriber, now)) {
                throw duplicate(source, subscriber);
            }
            StringBuilder sql = new StringBuilder("UPDATE subscriptions SET id = id");
            List<Object> parameters = new ArrayList<>();
            if (subscriber != null) {
                sql.append(", subscriber = ?");
                parameters.add(subscriber);
            }
            if (ttl != null) {
                sql.append(", ttl = ?, created_at = ?, expires_at = ?");
                parameters.addAll(List.of(ttl, now, now + ttl * 1000L));
            }
            if (options != null) {
                sql.append(", options = ?");
                parameters.add(SqlJson.write(options));
            }
            sql.append(" WHERE project = ? AND source = ? AND id = ? AND expires_at > ?");
            parameters.addAll(List.of(project, source, id, now));
            return execute(connection, sql.toString(), parameters.toArray());
        });
        if (updated == 0) {
            throw notFound(source, id);
        }
    }

    /** True when another subscription of the source holds {@code subscriber}; an expired one is removed. */
    private static boolean takenByAnother(Connection connection, String project, String source, String id,
                                          String subscriber, long now) throws SQLException {
        execute(connection, "DELETE FROM subscriptions WHERE project = ? AND source = ? AND subscriber = ?"
                + " AND expires_at <= ? AND id <> ?", project, source, subscriber, now, id);
        try (PreparedStatement statement = prepare(connection, "SELECT 1 FROM subscriptions WHERE project = ?"
                + " AND source = ? AND subscriber = ? AND id <> ?", project, source, subscriber, id);
             ResultSet result = statement.executeQuery()) {
            return result.next();
        }
    }

    @Override
    public void confirm(String project, String source, String id, boolean confirmed) {
        int updated = database.transaction(connection -> execute(connection, "UPDATE subscriptions SET confirmed = ?"
                + " WHERE project = ? AND source = ? AND id = ? AND expires_at > ?",
                confirmed ? 1 : 0, project, source, id, clock.millis()));
        if (updated == 0) {
            throw notFound(source, id);
        }
    }

    @Override
    public void delete(String project, String source, String id) {
        database.transaction(connection -> execute(connection,
                "DELETE FROM subscriptions WHERE project = ? AND source = ? AND id = ?", project, source, id));
    }

    @Override
    public void deleteAll(String project, String source) {
        database.transaction(connection -> execute(connection,
                "DELETE FROM subscriptions WHERE project = ? AND source = ?", project, source));
    }

    /** Removes expired subscriptions; part of the store's garbage collection. */
    static int collectGarbage(Connection connection, long now) throws SQLException {
        return execute(connection, "DELETE FROM subscriptions WHERE expires_at <= ?", now);
    }

    private List<Subscription> select(String where, Object... parameters) {
        return database.read(connection -> {
            try (PreparedStatement statement = prepare(connection,
                    "SELECT " + COLUMNS + " FROM subscriptions " + where, parameters);
                 ResultSet result = statement.executeQuery()) {
                List<Subscription> found = new ArrayList<>();
                while (result.next()) {
                    found.add(new Subscription(result.getString("id"), result.getString("source"),
                            result.getString("subscriber"), result.getInt("ttl"),
                            Instant.ofEpochMilli(result.getLong("created_at")),
                            SqlJson.read(result.getString("options")), result.getInt("confirmed") == 1));
                }
                return found;
            }
        });
    }

    private static ZaqarException notFound(String source, String id) {
        return new ZaqarException(ErrorCode.NOT_FOUND,
                "Subscription " + id + " does not exist for " + source);
    }

    private static ZaqarException duplicate(String source, String subscriber) {
        return new ZaqarException(ErrorCode.CONFLICT,
                "Subscriber " + subscriber + " is already subscribed to " + source);
    }
}
