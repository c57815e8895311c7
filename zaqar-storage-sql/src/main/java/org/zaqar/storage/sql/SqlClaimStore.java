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

import org.zaqar.core.error.ZaqarException;
import org.zaqar.core.model.Claim;
import org.zaqar.core.model.ClaimRequest;
import org.zaqar.core.model.Message;
import org.zaqar.core.model.ReservedMetadata;
import org.zaqar.core.storage.ClaimStore;
import org.zaqar.core.storage.MessageEvents;

import static org.zaqar.storage.sql.SqlMessageStore.AVAILABLE;
import static org.zaqar.storage.sql.SqlMessageStore.LIVE;
import static org.zaqar.storage.sql.SqlStatements.MESSAGE_COLUMNS;
import static org.zaqar.storage.sql.SqlStatements.messages;
import static org.zaqar.storage.sql.SqlStatements.parameters;
import static org.zaqar.storage.sql.SqlStatements.placeholders;
import static org.zaqar.storage.sql.SqlStatements.prepare;
import static org.zaqar.storage.sql.SqlStatements.execute;

final class SqlClaimStore implements ClaimStore {
    /** Sets a message's expiry to at least the given time; a claim never shortens a life. */
    private static final String EXTEND_LIFE = "expires_at = CASE WHEN expires_at < ? THEN ? ELSE expires_at END";

    private final SqlDatabase database;
    private final InstantSource clock;
    private final MessageEvents events;

    SqlClaimStore(SqlDatabase database, InstantSource clock, MessageEvents events) {
        this.database = database;
        this.clock = clock;
        this.events = events;
    }

    /** A committed claim and how many messages it moved to the dead-letter queue. */
    private record Outcome(Claim claim, int deadLettered) {
    }

    /** The dead-letter settings of a queue's metadata; {@code queue} null when dead-lettering is off. */
    private record DeadLetters(String queue, int maxClaimCount, Integer ttl) {
        static DeadLetters of(Map<String, Object> metadata) {
            Object max = metadata.get(ReservedMetadata.MAX_CLAIM_COUNT);
            Object queue = metadata.get(ReservedMetadata.DEAD_LETTER_QUEUE);
            Object ttl = metadata.get(ReservedMetadata.DEAD_LETTER_QUEUE_MESSAGES_TTL);
            if (!(max instanceof Number count) || !(queue instanceof String name) || name.isEmpty()) {
                return new DeadLetters(null, 0, null);
            }
            Integer deadLetterTtl = ttl instanceof Number n && n.intValue() > 0 ? n.intValue() : null;
            return new DeadLetters(name, count.intValue(), deadLetterTtl);
        }

        boolean isDead(Message message) {
            return queue != null && message.claimCount() >= maxClaimCount;
        }
    }

    @Override
    public Claim create(String project, String queue, ClaimRequest request) {
        long now = clock.millis();
        Claim nothing = new Claim(null, request.ttl(), Instant.ofEpochMilli(now), List.of());
        Outcome outcome = database.transaction(connection -> {
            var metadata = SqlQueueStore.readMetadata(connection, project, queue);
            if (metadata.isEmpty()) {
                return new Outcome(nothing, 0);
            }
            DeadLetters deadLetters = DeadLetters.of(SqlJson.read(metadata.get()));
            List<Message> candidates = messages(connection, now, "SELECT " + MESSAGE_COLUMNS
                    + " FROM messages WHERE project = ? AND queue = ?" + AVAILABLE
                    + " ORDER BY seq LIMIT ?" + database.dialect().skipLocked(),
                    project, queue, now, now, now, request.limit());
            List<String> claimable = new ArrayList<>();
            List<String> dead = new ArrayList<>();
            for (Message message : candidates) {
                (deadLetters.isDead(message) ? dead : claimable).add(message.id());
            }
            if (!dead.isEmpty()) {
                moveToDeadLetterQueue(connection, database.dialect(), project, deadLetters, dead, now);
            }
            if (claimable.isEmpty()) {
                return new Outcome(nothing, dead.size());
            }
            String claimId = SqlStatements.newId();
            long claimExpires = now + request.ttl() * 1000L;
            long messagesExpire = claimExpires + request.grace() * 1000L;
            execute(connection, "INSERT INTO claims (id, project, queue, ttl, updated_at, expires_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?)", claimId, project, queue, request.ttl(), now, claimExpires);
            execute(connection, "UPDATE messages SET claim_id = ?, claim_expires_at = ?,"
                    + " claim_count = claim_count + 1, " + EXTEND_LIFE
                    + " WHERE id IN (" + placeholders(claimable.size()) + ")",
                    parameters(claimable, claimId, claimExpires, messagesExpire, messagesExpire));
            return new Outcome(new Claim(claimId, request.ttl(), Instant.ofEpochMilli(now),
                    claimedMessages(connection, project, queue, claimId, now)), dead.size());
        });
        if (outcome.deadLettered() > 0) {
            events.deadLettered(outcome.deadLettered());
        }
        return outcome.claim();
    }

    /**
     * Moves messages to the end of the dead-letter queue (created when missing), unclaimed, keeping
     * their claim count; the dead-letter ttl, when set, counts from now.
     */
    private static void moveToDeadLetterQueue(Connection connection, SqlDialect dialect, String project,
                                              DeadLetters deadLetters, List<String> ids, long now) throws SQLException {
        SqlQueueStore.insertIfMissing(connection, dialect, project, deadLetters.queue(), "{}");
        long seq = SqlMessageStore.reserveSeqs(connection, project, deadLetters.queue(), ids.size());
        Long expiry = deadLetters.ttl() == null ? null : now + deadLetters.ttl() * 1000L;
        for (String id : ids) {
            execute(connection, "UPDATE messages SET queue = ?, seq = ?, claim_id = NULL, claim_expires_at = 0,"
                    + " expires_at = COALESCE(?, expires_at) WHERE id = ?", deadLetters.queue(), seq++, expiry, id);
        }
    }

    private static List<Message> claimedMessages(Connection connection, String project, String queue,
                                                 String claimId, long now) throws SQLException {
        return messages(connection, now, "SELECT " + MESSAGE_COLUMNS + " FROM messages"
                + " WHERE project = ? AND queue = ? AND claim_id = ? AND claim_expires_at > ?" + LIVE + " ORDER BY seq",
                project, queue, claimId, now, now);
    }

    @Override
    public Claim get(String project, String queue, String claimId) {
        long now = clock.millis();
        return database.read(connection -> {
            try (PreparedStatement statement = prepare(connection, "SELECT ttl, updated_at FROM claims"
                    + " WHERE id = ? AND project = ? AND queue = ? AND expires_at > ?", claimId, project, queue, now);
                 ResultSet result = statement.executeQuery()) {
                if (!result.next()) {
                    throw ZaqarException.claimDoesNotExist(project, queue, claimId);
                }
                return new Claim(claimId, result.getInt(1), Instant.ofEpochMilli(result.getLong(2)),
                        claimedMessages(connection, project, queue, claimId, now));
            }
        });
    }

    @Override
    public void update(String project, String queue, String claimId, int ttl, int grace) {
        long now = clock.millis();
        long claimExpires = now + ttl * 1000L;
        long messagesExpire = claimExpires + grace * 1000L;
        database.transaction(connection -> {
            int renewed = execute(connection, "UPDATE claims SET ttl = ?, updated_at = ?, expires_at = ?"
                    + " WHERE id = ? AND project = ? AND queue = ? AND expires_at > ?",
                    ttl, now, claimExpires, claimId, project, queue, now);
            if (renewed == 0) {
                throw ZaqarException.claimDoesNotExist(project, queue, claimId);
            }
            return execute(connection, "UPDATE messages SET claim_expires_at = ?, " + EXTEND_LIFE
                    + " WHERE project = ? AND queue = ? AND claim_id = ? AND claim_expires_at > ?",
                    claimExpires, messagesExpire, messagesExpire, project, queue, claimId, now);
        });
    }

    @Override
    public void delete(String project, String queue, String claimId) {
        database.transaction(connection -> {
            execute(connection, "UPDATE messages SET claim_id = NULL, claim_expires_at = 0"
                    + " WHERE project = ? AND queue = ? AND claim_id = ?", project, queue, claimId);
            return execute(connection, "DELETE FROM claims WHERE id = ? AND project = ? AND queue = ?",
                    claimId, project, queue);
        });
    }
}
