package org.zaqar.storage.mongo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.core.model.Page;
import org.zaqar.core.model.QueueInfo;
import org.zaqar.core.model.QueueListQuery;
import org.zaqar.core.model.QueueStats;
import org.zaqar.core.storage.QueueStore;

import static org.zaqar.storage.mongo.MongoSchema.COUNTER;
import static org.zaqar.storage.mongo.MongoSchema.METADATA;
import static org.zaqar.storage.mongo.MongoSchema.NAME;
import static org.zaqar.storage.mongo.MongoSchema.PROJECT;
import static org.zaqar.storage.mongo.MongoSchema.SCOPE;
import static org.zaqar.storage.mongo.MongoSchema.date;
import static org.zaqar.storage.mongo.MongoSchema.scope;

/** Queues, one document each, holding the metadata and the queue's marker counter. */
public final class MongoQueueStore implements QueueStore {
    /** The first marker of a new queue, as upstream. */
    static final long FIRST_MARKER = 1;

    private final MongoMessageStorage storage;

    MongoQueueStore(MongoMessageStorage storage) {
        this.storage = storage;
    }

    @Override
    public boolean create(String project, String name, Map<String, Object> metadata) {
        Instant now = storage.now();
        Document queue = new Document(SCOPE, scope(project, name))
                .append(PROJECT, project)
                .append(NAME, name)
                .append(METADATA, MongoSchema.toDocument(metadata == null ? Map.of() : metadata))
                .append(COUNTER, new Document("v", FIRST_MARKER).append("t", date(now)));
        return storage.retry().call("create queue " + name, () -> {
            try {
                storage.queueCollection().insertOne(queue);
                return true;
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                    return false;
                }
                throw e;
            }
        });
    }

    @Override
    public boolean exists(String project, String name) {
        return find(project, name, Projections.include(SCOPE)) != null;
    }

    /** The queue document with the given fields, or null when the queue does not exist. */
    Document find(String project, String name, Bson projection) {
        return storage.retry().call("read queue " + name, () -> storage.queueCollection()
                .find(Filters.eq(SCOPE, scope(project, name))).projection(projection).first());
    }

    @Override
    public Map<String, Object> getMetadata(String project, String name) {
        Document queue = find(project, name, Projections.include(METADATA));
        if (queue == null) {
            throw ZaqarException.queueDoesNotExist(project, name);
        }
        return MongoSchema.toPlainMap(queue.get(METADATA, Document.class));
    }

    @Override
    public void setMetadata(String project, String name, Map<String, Object> metadata) {
        long matched = storage.retry().call("update queue " + name, () -> storage.queueCollection()
                .updateOne(Filters.eq(SCOPE, scope(project, name)),
                        Updates.set(METADATA, MongoSchema.toDocument(metadata)))
                .getMatchedCount());
        if (matched == 0) {
            throw ZaqarException.queueDoesNotExist(project, name);
        }
    }

    @Override
    public void delete(String project, String name) {
        storage.retry().run("delete queue " + name, () -> {
            storage.queueCollection().deleteOne(Filters.eq(SCOPE, scope(project, name)));
            storage.messageCollection(project, name).deleteMany(Filters.eq(SCOPE, scope(project, name)));
        });
    }

    @Override
    public Page<QueueInfo> list(String project, QueueListQuery query) {
        if (query.limit() <= 0) {
            return new Page<>(List.of(), null);
        }
        List<Bson> filters = new ArrayList<>();
        filters.add(Filters.eq(PROJECT, project));
        if (query.marker() != null) {
            filters.add(Filters.gt(NAME, query.marker()));
        }
        if (query.name() != null && !query.name().isEmpty()) {
            filters.add(Filters.regex(NAME, Pattern.quote(query.name())));
        }
        if (query.metadataFilter() != null) {
            query.metadataFilter().forEach((key, value) -> filters.add(
                    Filters.eq(METADATA + "." + MongoSchema.escapeKey(key), MongoSchema.toBsonValue(value))));
        }
        Bson projection = query.detailed() ? Projections.include(NAME, METADATA) : Projections.include(NAME);
        List<QueueInfo> items = storage.retry().call("list queues", () -> {
            List<QueueInfo> found = new ArrayList<>();
            for (Document queue : storage.queueCollection().find(Filters.and(filters)).projection(projection)
                    .sort(Sorts.ascending(NAME)).limit(query.limit())) {
                found.add(new QueueInfo(queue.getString(NAME), query.detailed()
                        ? MongoSchema.toPlainMap(queue.get(METADATA, Document.class)) : null));
            }
            return found;
        });
        return new Page<>(items, items.isEmpty() ? null : items.getLast().name());
    }

    @Override
    public long count(String project) {
        return storage.retry().call("count queues",
                () -> storage.queueCollection().countDocuments(Filters.eq(PROJECT, project)));
    }

    @Override
    public QueueStats stats(String project, String name) {
        return storage.messages().stats(project, name);
    }
}
