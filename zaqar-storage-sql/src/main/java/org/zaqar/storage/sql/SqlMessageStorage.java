package org.zaqar.storage.sql;

import java.time.InstantSource;

import org.zaqar.core.storage.ClaimStore;
import org.zaqar.core.storage.MessageStorage;
import org.zaqar.core.storage.MessageStore;
import org.zaqar.core.storage.QueueStore;

/** The data plane on one SQL database: queues, messages and claims. */
public final class SqlMessageStorage implements MessageStorage {
    private final SqlDatabase database;
    private final InstantSource clock;
    private final SqlQueueStore queues;
    private final SqlMessageStore messages;
    private final SqlClaimStore claims;

    SqlMessageStorage(SqlDatabase database, InstantSource clock) {
        this.database = database;
        this.clock = clock;
        this.queues = new SqlQueueStore(database, clock);
        this.messages = new SqlMessageStore(database, clock);
        this.claims = new SqlClaimStore(database, clock);
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
    public boolean isAlive() {
        return database.isAlive();
    }

    @Override
    public void collectGarbage() {
        long now = clock.millis();
        database.transaction(connection -> {
            // Messages of expired claims are free already; only the claim rows go.
            SqlStatements.execute(connection, "DELETE FROM claims WHERE expires_at <= ?", now);
            return SqlStatements.execute(connection, "DELETE FROM messages WHERE expires_at <= ?", now);
        });
    }

    @Override
    public void close() {
        database.close();
    }
}
