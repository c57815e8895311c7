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
import java.util.Optional;

import org.zaqar.core.error.ZaqarException;
import org.zaqar.core.model.Page;
import org.zaqar.core.model.QueueInfo;
import org.zaqar.core.model.QueueListQuery;
import org.zaqar.core.model.QueueStats;
import org.zaqar.core.model.QueueStats.MessageRef;
import org.zaqar.core.storage.QueueStore;

import static org.zaqar.storage.sql.SqlStatements.prepare;
import static org.zaqar.storage.sql.SqlStatements.execute;

final class SqlQueueStore implements QueueStore {
    /** Rows read per round when filters leave out queues the database cannot judge. */
    private static final int SCAN_BATCH = 200;

    private final SqlDatabase database;
    private final InstantSource clock;

    SqlQueueStore(SqlDatabase database, InstantSource clock) {
        this.database = database;
        this.clock = clock;
    }

    @Override
    public boolean create(String project, String name, Map<String, Object> metadata) {
        String json = SqlJson.write(metadata);
        return database.transaction(connection -> insertIfMissing(connection, database.dialect(), project, name, json));
    }

    /** Creates the queue unless it exists; true when it was created. */
    static boolean insertIfMissing(Connection connection, SqlDialect dialect, String project, String name,
                                   String metadataJson) throws SQLException {
        return execute(connection, dialect.insertUnlessPresent("queues", "project, name, metadata", "project, name"),
                project, name, metadataJson) == 1;
    }

    @Override
    public boolean exists(String project, String name) {
        return database.read(connection -> readMetadata(connection, project, name).isPresent());
    }

    @Override
    public Map<String, Object> getMetadata(String project, String name) {
        String json = database.read(connection -> readMetadata(connection, project, name))
                .orElseThrow(() -> ZaqarException.queueDoesNotExist(project, name));
        return SqlJson.read(json);
    }

    /** The queue's metadata JSON, or empty when the queue does not exist. */
    static Optional<String> readMetadata(Connection connection, String project, String name) throws SQLException {
        try (PreparedStatement statement = prepare(connection,
                "SELECT metadata FROM queues WHERE project = ? AND name = ?", project, name);
             ResultSet result = statement.executeQuery()) {
            return result.next() ? Optional.of(result.getString(1)) : Optional.empty();
        }
    }

    @Override
    public void setMetadata(String project, String name, Map<String, Object> metadata) {
        String json = SqlJson.write(metadata);
        int updated = database.transaction(connection -> execute(connection,
                "UPDATE queues SET metadata = ? WHERE project = ? AND name = ?", json, project, name));
        if (updated == 0) {
            throw ZaqarException.queueDoesNotExist(project, name);
        }
    }

    @Override
    public void delete(String project, String name) {
        database.transaction(connection -> {
            // The queue row first: that waits for posts in flight, whose messages the next delete then sees.
            execute(connection, "DELETE FROM queues WHERE project = ? AND name = ?", project, name);
            execute(connection, "DELETE FROM messages WHERE project = ? AND queue = ?", project, name);
            return execute(connection, "DELETE FROM claims WHERE project = ? AND queue = ?", project, name);
        });
    }

    @Override
    public Page<QueueInfo> list(String project, QueueListQuery query) {
        List<QueueInfo> page = new ArrayList<>();
        String after = query.marker() == null ? "" : query.marker();
        // Name and metadata filters are applied here, so read in batches until the page is full.
        while (page.size() < query.limit()) {
            String from = after;
            List<QueueInfo> batch = database.read(connection -> readBatch(connection, project, from));
            for (QueueInfo queue : batch) {
                if (page.size() < query.limit() && matches(queue, query)) {
                    page.add(new QueueInfo(queue.name(), query.detailed() ? queue.metadata() : null));
                }
            }
            if (batch.size() < SCAN_BATCH) {
                break;
            }
            after = batch.getLast().name();
        }
        return new Page<>(page, page.isEmpty() ? null : page.getLast().name());
    }

    private static List<QueueInfo> readBatch(Connection connection, String project, String after)
            throws SQLException {
        try (PreparedStatement statement = prepare(connection,
                "SELECT name, metadata FROM queues WHERE project = ? AND name > ? ORDER BY name LIMIT ?",
                project, after, SCAN_BATCH);
             ResultSet result = statement.executeQuery()) {
            List<QueueInfo> batch = new ArrayList<>();
            while (result.next()) {
                batch.add(new QueueInfo(result.getString(1), SqlJson.read(result.getString(2))));
            }
            return batch;
        }
    }

    private static boolean matches(QueueInfo queue, QueueListQuery query) {
        boolean nameMatches = query.name() == null || queue.name().contains(query.name());
        boolean metadataMatches = query.metadataFilter() == null
                || SqlJson.matches(queue.metadata(), query.metadataFilter());
        return nameMatches && metadataMatches;
    }

    @Override
    public long count(String project) {
        return database.read(connection -> {
            try (PreparedStatement statement = prepare(connection,
                    "SELECT COUNT(*) FROM queues WHERE project = ?", project);
                 ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        });
    }

    @Override
    public QueueStats stats(String project, String name) {
        long now = clock.millis();
        return database.read(connection -> {
            if (readMetadata(connection, project, name).isEmpty()) {
                throw ZaqarException.queueDoesNotExist(project, name);
            }
            long total;
            long claimed;
            try (PreparedStatement statement = prepare(connection,
                    "SELECT COUNT(*), COALESCE(SUM(CASE WHEN claim_expires_at > ? THEN 1 ELSE 0 END), 0)"
                            + " FROM messages WHERE project = ? AND queue = ? AND expires_at > ?",
                    now, project, name, now);
                 ResultSet result = statement.executeQuery()) {
                result.next();
                total = result.getLong(1);
                claimed = result.getLong(2);
            }
            return new QueueStats(total - claimed, claimed, total,
                    edgeMessage(connection, project, name, now, "ASC"),
                    edgeMessage(connection, project, name, now, "DESC"));
        });
    }

    /** The oldest ({@code ASC}) or newest ({@code DESC}) live message, or null. */
    private static MessageRef edgeMessage(Connection connection, String project, String name, long now,
                                          String direction) throws SQLException {
        try (PreparedStatement statement = prepare(connection,
                "SELECT id, created_at FROM messages WHERE project = ? AND queue = ? AND expires_at > ?"
                        + " ORDER BY created_at " + direction + ", seq " + direction + " LIMIT 1",
                project, name, now);
             ResultSet result = statement.executeQuery()) {
            return result.next() ? new MessageRef(result.getString(1), Instant.ofEpochMilli(result.getLong(2))) : null;
        }
    }
}
