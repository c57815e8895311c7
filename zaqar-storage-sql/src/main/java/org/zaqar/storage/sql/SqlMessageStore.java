package org.zaqar.storage.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.zaqar.core.error.ErrorCode;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.core.model.Message;
import org.zaqar.core.model.MessageListQuery;
import org.zaqar.core.model.NewMessage;
import org.zaqar.core.model.Page;
import org.zaqar.core.storage.MessageStore;
import org.zaqar.storage.sql.SqlStatements.Row;

import static org.zaqar.storage.sql.SqlStatements.MESSAGE_COLUMNS;
import static org.zaqar.storage.sql.SqlStatements.messages;
import static org.zaqar.storage.sql.SqlStatements.parameters;
import static org.zaqar.storage.sql.SqlStatements.placeholders;
import static org.zaqar.storage.sql.SqlStatements.prepare;
import static org.zaqar.storage.sql.SqlStatements.rows;
import static org.zaqar.storage.sql.SqlStatements.execute;

final class SqlMessageStore implements MessageStore {
    /** A message counts only while it lives. */
    static final String LIVE = " AND expires_at > ?";
    /** Neither claimed nor delayed: what claims and pops may take. */
    static final String AVAILABLE = LIVE + " AND visible_at <= ? AND claim_expires_at <= ?";

    private final SqlDatabase database;
    private final InstantSource clock;

    SqlMessageStore(SqlDatabase database, InstantSource clock) {
        this.database = database;
        this.clock = clock;
    }

    @Override
    public List<String> post(String project, String queue, List<NewMessage> messages, String clientId) {
        long now = clock.millis();
        return database.transaction(connection -> {
            // Taking the queue's seqs locks its row until commit, so seqs become visible in order.
            long firstSeq = reserveSeqs(connection, project, queue, messages.size());
            List<String> ids = new ArrayList<>();
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO messages"
                    + " (id, project, queue, seq, body, created_at, visible_at, expires_at, checksum, client_id)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (NewMessage message : messages) {
                    String id = SqlStatements.newId();
                    ids.add(id);
                    insert.setString(1, id);
                    insert.setString(2, project);
                    insert.setString(3, queue);
                    insert.setLong(4, firstSeq + ids.size() - 1);
                    insert.setString(5, message.body());
                    insert.setLong(6, now);
                    insert.setLong(7, now + message.delay() * 1000L);
                    insert.setLong(8, now + message.ttl() * 1000L);
                    insert.setString(9, message.checksum());
                    insert.setString(10, clientId);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return ids;
        });
    }

    /**
     * Reserves {@code count} consecutive seqs of the queue and returns the first.
     *
     * @throws ZaqarException QUEUE_DOES_NOT_EXIST
     */
    static long reserveSeqs(Connection connection, String project, String queue, int count) throws SQLException {
        // Not UPDATE ... RETURNING, which MySQL lacks: the update locks the row, so the select reads our own write.
        if (execute(connection, "UPDATE queues SET last_seq = last_seq + ? WHERE project = ? AND name = ?",
                count, project, queue) == 0) {
            throw ZaqarException.queueDoesNotExist(project, queue);
        }
        try (PreparedStatement statement = prepare(connection,
                "SELECT last_seq FROM queues WHERE project = ? AND name = ?", project, queue);
             ResultSet result = statement.executeQuery()) {
            result.next();
            return result.getLong(1) - count + 1;
        }
    }

    @Override
    public Page<Message> list(String project, String queue, MessageListQuery query) {
        long after;
        try {
            after = query.marker() == null ? 0 : Long.parseLong(query.marker());
        } catch (NumberFormatException e) {
            after = -1;
        }
        if (after < 0) {
            // As upstream: a marker this store never issued lists nothing.
            return new Page<>(List.of(), null);
        }
        long now = clock.millis();
        StringBuilder sql = new StringBuilder("SELECT " + MESSAGE_COLUMNS
                + " FROM messages WHERE project = ? AND queue = ? AND seq > ?" + LIVE);
        List<Object> parameters = new ArrayList<>(List.of(project, queue, after, now));
        if (!query.includeDelayed()) {
            sql.append(" AND visible_at <= ?");
            parameters.add(now);
        }
        if (!query.includeClaimed()) {
            sql.append(" AND claim_expires_at <= ?");
            parameters.add(now);
        }
        if (!query.echo() && query.clientId() != null) {
            sql.append(" AND (client_id IS NULL OR client_id <> ?)");
            parameters.add(query.clientId());
        }
        sql.append(" ORDER BY seq LIMIT ?");
        parameters.add(query.limit());
        List<Row> page = database.read(connection -> rows(connection, now, sql.toString(), parameters.toArray()));
        return new Page<>(page.stream().map(Row::message).toList(),
                page.isEmpty() ? null : Long.toString(page.getLast().seq()));
    }

    @Override
    public Message get(String project, String queue, String messageId) {
        long now = clock.millis();
        List<Message> found = database.read(connection -> messages(connection, now, "SELECT " + MESSAGE_COLUMNS
                + " FROM messages WHERE project = ? AND queue = ? AND id = ?" + LIVE, project, queue, messageId, now));
        if (found.isEmpty()) {
            throw ZaqarException.messageDoesNotExist(project, queue, messageId);
        }
        return found.getFirst();
    }

    @Override
    public List<Message> bulkGet(String project, String queue, Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        long now = clock.millis();
        return database.read(connection -> messages(connection, now, "SELECT " + MESSAGE_COLUMNS
                        + " FROM messages WHERE project = ? AND queue = ? AND id IN (" + placeholders(ids.size()) + ")"
                        + LIVE + " ORDER BY seq",
                parameters(List.of(now), parameters(ids, project, queue))));
    }

    @Override
    public void delete(String project, String queue, String messageId, String claimId) {
        long now = clock.millis();
        database.transaction(connection -> {
            try (PreparedStatement statement = prepare(connection, "SELECT claim_id, claim_expires_at FROM messages"
                    + " WHERE project = ? AND queue = ? AND id = ?" + LIVE + database.dialect().forUpdate(),
                    project, queue, messageId, now);
                 ResultSet result = statement.executeQuery()) {
                if (!result.next()) {
                    return 0;
                }
                String holder = result.getLong("claim_expires_at") > now ? result.getString("claim_id") : null;
                checkClaim(messageId, holder, claimId);
            }
            return execute(connection, "DELETE FROM messages WHERE id = ?", messageId);
        });
    }

    /** Enforces who may delete a message, given the live claim holding it ({@code holder}, or null). */
    private static void checkClaim(String messageId, String holder, String claimId) {
        if (claimId == null && holder != null) {
            throw new ZaqarException(ErrorCode.MESSAGE_IS_CLAIMED,
                    "Message " + messageId + " is claimed; deleting it needs its claim id");
        }
        if (claimId != null && holder == null) {
            throw new ZaqarException(ErrorCode.MESSAGE_NOT_CLAIMED,
                    "Message " + messageId + " is not claimed, so claim " + claimId + " cannot delete it");
        }
        if (claimId != null && !claimId.equals(holder)) {
            throw new ZaqarException(ErrorCode.MESSAGE_NOT_CLAIMED_BY,
                    "Message " + messageId + " is held by another claim than " + claimId);
        }
    }

    @Override
    public void bulkDelete(String project, String queue, Collection<String> ids, Collection<String> claimIds) {
        if (ids.isEmpty()) {
            return;
        }
        long now = clock.millis();
        String sql = "DELETE FROM messages WHERE project = ? AND queue = ?"
                + " AND id IN (" + placeholders(ids.size()) + ")";
        Object[] parameters = parameters(ids, project, queue);
        if (claimIds != null) {
            sql += " AND (claim_expires_at <= ?"
                    + (claimIds.isEmpty() ? ")" : " OR claim_id IN (" + placeholders(claimIds.size()) + "))");
            parameters = parameters(claimIds, parameters(List.of(now), parameters));
        }
        String statement = sql;
        Object[] values = parameters;
        database.transaction(connection -> execute(connection, statement, values));
    }

    @Override
    public List<Message> pop(String project, String queue, int limit) {
        long now = clock.millis();
        return database.transaction(connection -> {
            List<Message> taken = messages(connection, now, "SELECT " + MESSAGE_COLUMNS
                    + " FROM messages WHERE project = ? AND queue = ?" + AVAILABLE
                    + " ORDER BY seq LIMIT ?" + database.dialect().skipLocked(),
                    project, queue, now, now, now, limit);
            if (!taken.isEmpty()) {
                List<String> ids = taken.stream().map(Message::id).toList();
                execute(connection, "DELETE FROM messages WHERE id IN (" + placeholders(ids.size()) + ")",
                        ids.toArray());
            }
            return taken;
        });
    }

    @Override
    public void purge(String project, String queue) {
        database.transaction(connection -> {
            // Lock the queue row first, so posts in flight finish and their messages go too.
            execute(connection, "UPDATE queues SET last_seq = last_seq WHERE project = ? AND name = ?", project, queue);
            execute(connection, "DELETE FROM messages WHERE project = ? AND queue = ?", project, queue);
            return execute(connection, "DELETE FROM claims WHERE project = ? AND queue = ?", project, queue);
        });
    }
}
