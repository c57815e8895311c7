package org.zaqar.storage.sql;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.InstantSource;
import java.util.EnumSet;
import java.util.Set;

import org.zaqar.core.model.QueueStats;
import org.zaqar.core.storage.Capability;
import org.zaqar.core.storage.ClaimStore;
import org.zaqar.core.storage.MessageEvents;
import org.zaqar.core.storage.MessageStorage;
import org.zaqar.core.storage.MessageStore;
import org.zaqar.core.storage.QueueStore;
import org.zaqar.core.storage.SubscriptionStore;

/** The data plane on one SQL database: queues, messages, claims and subscriptions. */
public final class SqlMessageStorage implements MessageStorage {
    private final SqlDatabase database;
    private final InstantSource clock;
    private final SqlQueueStore queues;
    private final SqlMessageStore messages;
    private final SqlClaimStore claims;
    private final SqlSubscriptionStore subscriptions;
    private final MessageEvents events;

    SqlMessageStorage(SqlDatabase database, InstantSource clock, MessageEvents events) {
        this.database = database;
        this.clock = clock;
        this.events = events;
        this.queues = new SqlQueueStore(database, clock);
        this.messages = new SqlMessageStore(database, clock);
        this.claims = new SqlClaimStore(database, clock, events);
        this.subscriptions = new SqlSubscriptionStore(database, clock);
    }

    @Override
    public QueueStore queues() {
        return queues;
    }

    @Override
    public MessageStore messages() {
        return messages;
    }

    @Override
    public ClaimStore claims() {
        return claims;
    }

    @Override
    public SubscriptionStore subscriptions() {
        return subscriptions;
    }

    /** Every capability, as upstream's sqlalchemy data driver declared while it had one. */
    @Override
    public Set<Capability> capabilities() {
        return EnumSet.allOf(Capability.class);
    }

    /** The database under the stores, for tests of its connection settings. */
    SqlDatabase database() {
        return database;
    }

    @Override
    public boolean isAlive() {
        return database.isAlive();
    }

    @Override
    public QueueStats messageVolume() {
        long now = clock.millis();
        return database.read(connection -> {
            try (PreparedStatement statement = SqlStatements.prepare(connection,
                    "SELECT COUNT(*), COALESCE(SUM(CASE WHEN claim_expires_at > ? THEN 1 ELSE 0 END), 0)"
                            + " FROM messages WHERE expires_at > ?", now, now);
                 ResultSet result = statement.executeQuery()) {
                result.next();
                long total = result.getLong(1);
                long claimed = result.getLong(2);
                return new QueueStats(total - claimed, claimed, total, null, null);
            }
        });
    }

    @Override
    public void collectGarbage() {
        long now = clock.millis();
        int expired = database.transaction(connection -> {
            // Messages of expired claims are free already; only the claim rows go.
            SqlStatements.execute(connection, "DELETE FROM claims WHERE expires_at <= ?", now);
            SqlSubscriptionStore.collectGarbage(connection, now);
            return SqlStatements.execute(connection, "DELETE FROM messages WHERE expires_at <= ?", now);
        });
        if (expired > 0) {
            events.expired(expired);
        }
    }

    @Override
    public void close() {
        database.close();
    }
}
