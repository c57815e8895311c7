package org.zaqar.storage.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import org.zaqar.core.model.Message;

/** Small JDBC helpers shared by the stores, and the one mapping from a messages row to a {@link Message}. */
final class SqlStatements {
    /** The columns {@link #message} reads, in order. */
    static final String MESSAGE_COLUMNS =
            "id, seq, body, created_at, expires_at, checksum, claim_id, claim_expires_at, claim_count";

    private SqlStatements() {
    }

    /** A new opaque id for a message or claim: 32 hex digits. */
    static String newId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    static PreparedStatement prepare(Connection connection, String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }

    static int execute(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        }
    }

    /** "?, ?, ?" for {@code count} parameters. */
    static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    /** {@code head} followed by every element of {@code tail}, as statement parameters. */
    static Object[] parameters(Collection<?> tail, Object... head) {
        List<Object> all = new ArrayList<>(List.of(head));
        all.addAll(tail);
        return all.toArray();
    }

    /** A message row with its queue position, which the marker of a page is made from. */
    record Row(Message message, long seq) {
    }

    static List<Row> rows(Connection connection, long now, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters);
             ResultSet result = statement.executeQuery()) {
            List<Row> rows = new ArrayList<>();
            while (result.next()) {
                rows.add(new Row(message(result, now), result.getLong("seq")));
            }
            return rows;
        }
    }

    static List<Message> messages(Connection connection, long now, String sql, Object... parameters)
            throws SQLException {
        return rows(connection, now, sql, parameters).stream().map(Row::message).toList();
    }

    private static Message message(ResultSet row, long now) throws SQLException {
        long createdAt = row.getLong("created_at");
        // The ttl counts from creation, so a life a claim's grace extended shows in it.
        int ttl = (int) ((row.getLong("expires_at") - createdAt) / 1000);
        String claimId = row.getLong("claim_expires_at") > now ? row.getString("claim_id") : null;
        return new Message(row.getString("id"), row.getString("body"), ttl, Instant.ofEpochMilli(createdAt),
                row.getString("checksum"), claimId, row.getInt("claim_count"));
    }
}
