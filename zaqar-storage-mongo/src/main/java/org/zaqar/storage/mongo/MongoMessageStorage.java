package org.zaqar.storage.mongo;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zaqar.core.model.QueueStats;
import org.zaqar.core.storage.Capability;
import org.zaqar.core.storage.MessageEvents;
import org.zaqar.core.storage.MessageStorage;

import static org.zaqar.storage.mongo.MongoSchema.CLAIM_EXPIRES;
import static org.zaqar.storage.mongo.MongoSchema.CLAIM_ID;
import static org.zaqar.storage.mongo.MongoSchema.CREATED;
import static org.zaqar.storage.mongo.MongoSchema.EXPIRES;
import static org.zaqar.storage.mongo.MongoSchema.MARKER;
import static org.zaqar.storage.mongo.MongoSchema.NAME;
import static org.zaqar.storage.mongo.MongoSchema.PROJECT;
import static org.zaqar.storage.mongo.MongoSchema.SCOPE;
import static org.zaqar.storage.mongo.MongoSchema.TRANSACTION;
import static org.zaqar.storage.mongo.MongoSchema.date;

/**
 * The data plane on MongoDB. Queues live in {@code <database>_queues.queues}; messages, with their
 * claims embedded as upstream does, in {@code <database>_messages_p<N>.messages}, the partition
 * chosen by a stable hash of project and queue.
 */
public final class MongoMessageStorage implements MessageStorage {
    private static final Logger LOG = LoggerFactory.getLogger(MongoMessageStorage.class);
    /** Unfinished posts older than this are abandoned; upstream gives up posting after 45 s. */
    static final long ABANDONED_POST_SECONDS = 60;

    private final MongoClient client;
    private final boolean ownsClient;
    private final MongoStorageOptions options;
    private final InstantSource clock;
    private final MongoRetry retry;
    private final MongoCollection<Document> queueCollection;
    private final List<MongoCollection<Document>> messageCollections;
    private final MongoQueueStore queues;
    private final MongoMessageStore messages;
    private final MongoClaimStore claims;
    private final MongoSubscriptionStore subscriptions;
    private final MessageEvents events;

    /**
     * @param ownsClient    close the client with this storage
     * @param createTtlIndex create the TTL index on message expiry; tests against a real server turn it
     *                      off because their clock is not the server's
     */
    MongoMessageStorage(MongoClient client, boolean ownsClient, MongoStorageOptions options, InstantSource clock,
                        MessageEvents events, boolean createTtlIndex) {
        this.client = client;
        this.events = events;
        this.ownsClient = ownsClient;
        this.options = options;
        this.clock = clock;
        this.retry = MongoRetry.from(options);
        MongoDatabase queueDatabase = client.getDatabase(options.database() + "_queues");
        this.queueCollection = queueDatabase.getCollection("queues");
        List<MongoCollection<Document>> partitions = new ArrayList<>();
        for (int partition = 0; partition < options.partitions(); partition++) {
            MongoDatabase database = client.getDatabase(options.database() + "_messages_p" + partition);
            if (database.getWriteConcern().asDocument().get("w") == null) {
                // As upstream: messages are durable only once a majority of the replica set has them.
                database = database.withWriteConcern(WriteConcern.MAJORITY);
            }
            partitions.add(database.getCollection("messages"));
        }
        this.messageCollections = List.copyOf(partitions);
        MongoCollection<Document> subscriptionCollection = client.getDatabase(options.database() + "_subscriptions")
                .getCollection("subscriptions");
        retry.run("create indexes", () -> {
            createIndexes(createTtlIndex);
            MongoSubscriptionStore.createIndexes(subscriptionCollection);
        });
        this.queues = new MongoQueueStore(this);
        this.messages = new MongoMessageStore(this);
        this.claims = new MongoClaimStore(this);
        this.subscriptions = new MongoSubscriptionStore(this, subscriptionCollection);
    }

    private void createIndexes(boolean createTtlIndex) {
        queueCollection.createIndex(Indexes.ascending(SCOPE), new IndexOptions().name("p_q").unique(true));
        queueCollection.createIndex(Indexes.ascending(PROJECT, NAME), new IndexOptions().name("project_name"));
        for (MongoCollection<Document> collection : messageCollections) {
            if (createTtlIndex) {
                collection.createIndex(Indexes.ascending(EXPIRES),
                        new IndexOptions().name("ttl").expireAfter(0L, TimeUnit.SECONDS));
            }
            collection.createIndex(Indexes.ascending(SCOPE, MARKER, CLAIM_EXPIRES), new IndexOptions().name("active"));
            collection.createIndex(Indexes.ascending(SCOPE, CLAIM_ID, MARKER, CLAIM_EXPIRES),
                    new IndexOptions().name("claimed"));
            collection.createIndex(Indexes.ascending(SCOPE, CLAIM_EXPIRES), new IndexOptions().name("counting"));
            // Unique: two posts that race for the same markers cannot both insert; the loser retries.
            collection.createIndex(Indexes.ascending(SCOPE, MARKER),
                    new IndexOptions().name("queue_marker_unique").unique(true));
            collection.createIndex(Indexes.ascending(TRANSACTION), new IndexOptions().name("transaction"));
        }
    }

    MongoStorageOptions options() {
        return options;
    }

    MessageEvents events() {
        return events;
    }

    Instant now() {
        return clock.instant();
    }

    MongoRetry retry() {
        return retry;
    }

    MongoCollection<Document> queueCollection() {
        return queueCollection;
    }

    MongoCollection<Document> messageCollection(String project, String queue) {
        return messageCollections.get(MongoSchema.partition(messageCollections.size(), project, queue));
    }

    @Override
    public MongoQueueStore queues() {
        return queues;
    }

    @Override
    public MongoMessageStore messages() {
        return messages;
    }

    @Override
    public MongoClaimStore claims() {
        return claims;
    }

    @Override
    public MongoSubscriptionStore subscriptions() {
        return subscriptions;
    }

    /** Every capability, as upstream's mongodb driver. */
    @Override
    public Set<Capability> capabilities() {
        return EnumSet.allOf(Capability.class);
    }

    @Override
    public boolean isAlive() {
        return MongoManagementStorage.ping(client);
    }

    /** Live messages over every partition, as upstream's health report counts them. */
    @Override
    public QueueStats messageVolume() {
        Instant now = now();
        return retry.call("count message volume", () -> {
            Bson live = Filters.and(Filters.gt(EXPIRES, date(now)), Filters.eq(TRANSACTION, null));
            Bson claimed = Filters.and(live, Filters.ne(CLAIM_ID, null), Filters.gt(CLAIM_EXPIRES, date(now)));
            long total = 0;
            long held = 0;
            for (MongoCollection<Document> collection : messageCollections) {
                total += collection.countDocuments(live);
                held += collection.countDocuments(claimed);
            }
            return new QueueStats(total - held, held, total, null, null);
        });
    }

    /**
     * Removes expired messages (the TTL index does too, on its own clock, and those it removes are
     * not reported as expired), clears expired claims and removes posts abandoned half way.
     */
    @Override
    public void collectGarbage() {
        Instant now = now();
        retry.run("collect garbage", () -> {
            subscriptions.collectGarbage();
            for (MongoCollection<Document> collection : messageCollections) {
                long expired = collection.deleteMany(Filters.lte(EXPIRES, date(now))).getDeletedCount();
                if (expired > 0) {
                    events.expired(expired);
                }
                collection.updateMany(Filters.and(Filters.ne(CLAIM_ID, null), Filters.lte(CLAIM_EXPIRES, date(now))),
                        Updates.set(CLAIM_ID, null));
                Bson abandoned = Filters.and(Filters.ne(TRANSACTION, null),
                        Filters.lt(CREATED, date(now.minusSeconds(ABANDONED_POST_SECONDS))));
                long unfinished = collection.deleteMany(abandoned).getDeletedCount();
                if (expired > 0 || unfinished > 0) {
                    LOG.debug("{}: removed {} expired messages and {} abandoned posts",
                            collection.getNamespace(), expired, unfinished);
                }
            }
        });
    }

    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
    }
}
