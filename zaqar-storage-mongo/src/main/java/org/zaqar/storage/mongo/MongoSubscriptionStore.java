package org.zaqar.storage.mongo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.zaqar.core.error.ErrorCode;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.core.model.Page;
import org.zaqar.core.model.Subscription;
import org.zaqar.core.storage.SubscriptionStore;

import static org.zaqar.storage.mongo.MongoSchema.date;

/**
 * Subscriptions in {@code <database>_subscriptions.subscriptions}, one document each with an
 * ObjectId, as upstream. A unique index on project, source and subscriber rules out duplicates
 * whatever the number of API nodes; an expired holder of a subscriber is removed before a write.
 */
final class MongoSubscriptionStore implements SubscriptionStore {
    private static final String ID = "_id";
    private static final String PROJECT = "p";
    private static final String SOURCE = "s";
    private static final String SUBSCRIBER = "u";
    private static final String TTL = "t";
    private static final String CREATED = "cr";
    private static final String EXPIRES = "e";
    private static final String OPTIONS = "o";
    private static final String CONFIRMED = "c";

    private final MongoMessageStorage storage;
    private final MongoCollection<Document> collection;

    MongoSubscriptionStore(MongoMessageStorage storage, MongoCollection<Document> collection) {
        this.storage = storage;
        this.collection = collection;
    }

    static void createIndexes(MongoCollection<Document> collection) {
        collection.createIndex(Indexes.ascending(PROJECT, SOURCE, SUBSCRIBER),
                new IndexOptions().name("subscriber_unique").unique(true));
        collection.createIndex(Indexes.ascending(PROJECT, SOURCE, ID), new IndexOptions().name("listing"));
    }

    private Bson live(String project, String source) {
        return Filters.and(Filters.eq(PROJECT, project), Filters.eq(SOURCE, source),
                Filters.gt(EXPIRES, date(storage.now())));
    }

    /** Removes an expired subscription holding the subscriber, so the unique index frees it. */
    private void removeExpiredHolder(String project, String source, String subscriber) {
        collection.deleteMany(Filters.and(Filters.eq(PROJECT, project), Filters.eq(SOURCE, source),
                Filters.eq(SUBSCRIBER, subscriber), Filters.lte(EXPIRES, date(storage.now()))));
    }

    @Override
    public String create(String project, String source, String subscriber, int ttl, Map<String, Object> options) {
        Instant now = storage.now();
        ObjectId id = new ObjectId();
        Document document = new Document(ID, id).append(PROJECT, project).append(SOURCE, source)
                .append(SUBSCRIBER, subscriber).append(TTL, ttl).append(CREATED, date(now))
                .append(EXPIRES, date(now.plusSeconds(ttl))).append(OPTIONS, MongoSchema.toDocument(options))
                .append(CONFIRMED, false);
        storage.retry().run("create subscription", () -> {
            removeExpiredHolder(project, source, subscriber);
            try {
                collection.insertOne(document);
            } catch (MongoWriteException e) {
                throw translate(e, source, subscriber);
            }
        });
        return id.toHexString();
    }

    private Document find(String project, String source, String id) {
        ObjectId objectId = MongoSchema.objectIdOrNull(id);
        if (objectId == null) {
            return null;
        }
        return storage.retry().call("read subscription", () -> collection
                .find(Filters.and(live(project, source), Filters.eq(ID, objectId))).first());
    }

    @Override
    public Subscription get(String project, String source, String id) {
        Document document = find(project, source, id);
        if (document == null) {
            throw notFound(source, id);
        }
        return toSubscription(document);
    }

    @Override
    public Subscription getBySubscriber(String project, String source, String subscriber) {
        Document document = storage.retry().call("read subscription", () -> collection
                .find(Filters.and(live(project, source), Filters.eq(SUBSCRIBER, subscriber))).first());
        return document == null ? null : toSubscription(document);
    }

    @Override
    public Page<Subscription> list(String project, String source, String marker, int limit) {
        ObjectId after = marker == null ? null : MongoSchema.objectIdOrNull(marker);
        Bson filter = after == null ? live(project, source) : Filters.and(live(project, source), Filters.gt(ID, after));
        List<Subscription> items = storage.retry().call("list subscriptions", () -> {
            List<Subscription> found = new ArrayList<>();
            collection.find(filter).sort(Sorts.ascending(ID)).limit(limit)
                    .forEach(document -> found.add(toSubscription(document)));
            return found;
        });
        return new Page<>(items, items.isEmpty() ? null : items.getLast().id());
    }

    @Override
    public void update(String project, String source, String id, String subscriber, Integer ttl,
                       Map<String, Object> options) {
        List<Bson> changes = new ArrayList<>();
        if (subscriber != null) {
            changes.add(Updates.set(SUBSCRIBER, subscriber));
        }
        if (ttl != null) {
            Instant now = storage.now();
            changes.add(Updates.set(TTL, ttl));
            changes.add(Updates.set(CREATED, date(now)));
            changes.add(Updates.set(EXPIRES, date(now.plusSeconds(ttl))));
        }
        if (options != null) {
            changes.add(Updates.set(OPTIONS, MongoSchema.toDocument(options)));
        }
        apply(project, source, id, changes.isEmpty() ? Updates.set(PROJECT, project) : Updates.combine(changes),
                subscriber);
    }

    @Override
    public void confirm(String project, String source, String id, boolean confirmed) {
        apply(project, source, id, Updates.set(CONFIRMED, confirmed), null);
    }

    private void apply(String project, String source, String id, Bson update, String newSubscriber) {
        ObjectId objectId = MongoSchema.objectIdOrNull(id);
        if (objectId == null) {
            throw notFound(source, id);
        }
        long matched = storage.retry().call("update subscription", () -> {
            if (newSubscriber != null) {
                removeExpiredHolder(project, source, newSubscriber);
            }
            try {
                return collection.updateOne(Filters.and(live(project, source), Filters.eq(ID, objectId)), update)
                        .getMatchedCount();
            } catch (MongoWriteException e) {
                throw translate(e, source, newSubscriber);
            }
        });
        if (matched == 0) {
            throw notFound(source, id);
        }
    }

    @Override
    public void delete(String project, String source, String id) {
        ObjectId objectId = MongoSchema.objectIdOrNull(id);
        if (objectId != null) {
            storage.retry().run("delete subscription", () -> collection.deleteOne(Filters.and(
                    Filters.eq(PROJECT, project), Filters.eq(SOURCE, source), Filters.eq(ID, objectId))));
        }
    }

    @Override
    public void deleteAll(String project, String source) {
        storage.retry().run("purge subscriptions", () -> collection.deleteMany(
                Filters.and(Filters.eq(PROJECT, project), Filters.eq(SOURCE, source))));
    }

    /** Removes expired subscriptions; part of the store's garbage collection. */
    void collectGarbage() {
        collection.deleteMany(Filters.lte(EXPIRES, date(storage.now())));
    }

    private static RuntimeException translate(MongoWriteException e, String source, String subscriber) {
        if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
            return new ZaqarException(ErrorCode.CONFLICT,
                    "Subscriber " + subscriber + " is already subscribed to " + source);
        }
        return e;
    }

    private static Subscription toSubscription(Document document) {
        Document options = document.get(OPTIONS, Document.class);
        return new Subscription(document.getObjectId(ID).toHexString(), document.getString(SOURCE),
                document.getString(SUBSCRIBER), document.getInteger(TTL), document.getDate(CREATED).toInstant(),
                options == null ? Map.of() : MongoSchema.toPlainMap(options), document.getBoolean(CONFIRMED, false));
    }

    private static ZaqarException notFound(String source, String id) {
        return new ZaqarException(ErrorCode.NOT_FOUND, "Subscription " + id + " does not exist for " + source);
    }
}
