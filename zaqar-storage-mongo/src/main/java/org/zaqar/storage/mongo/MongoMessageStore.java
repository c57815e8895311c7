package org.zaqar.storage.mongo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndDeleteOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.zaqar.core.error.ErrorCode;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.core.model.Message;
import org.zaqar.core.model.MessageListQuery;
import org.zaqar.core.model.NewMessage;
import org.zaqar.core.model.Page;
import org.zaqar.core.model.QueueStats;
import org.zaqar.core.storage.MessageStore;

import static org.zaqar.storage.mongo.MongoSchema.BODY;
import static org.zaqar.storage.mongo.MongoSchema.CHECKSUM;
import static org.zaqar.storage.mongo.MongoSchema.CLAIM;
import static org.zaqar.storage.mongo.MongoSchema.CLAIM_EXPIRES;
import static org.zaqar.storage.mongo.MongoSchema.CLAIM_ID;
import static org.zaqar.storage.mongo.MongoSchema.CLIENT;
import static org.zaqar.storage.mongo.MongoSchema.CREATED;
import static org.zaqar.storage.mongo.MongoSchema.DELAYED_UNTIL;
import static org.zaqar.storage.mongo.MongoSchema.EXPIRES;
import static org.zaqar.storage.mongo.MongoSchema.ID;
import static org.zaqar.storage.mongo.MongoSchema.MARKER;
import static org.zaqar.storage.mongo.MongoSchema.SCOPE;
import static org.zaqar.storage.mongo.MongoSchema.date;
import static org.zaqar.storage.mongo.MongoSchema.objectIdOrNull;
import static org.zaqar.storage.mongo.MongoSchema.scope;

/**
 * Messages. A message is visible once its post committed: its marker is below the queue's counter
 * and it is no longer part of an unfinished post. Every read filters expiry by the clock.
 */
public final class MongoMessageStore implements MessageStore {
    private final MongoMessageStorage storage;
    private final MongoMarkers markers;

    MongoMessageStore(MongoMessageStorage storage) {
        this.storage = storage;
        this.markers = new MongoMarkers(storage);
    }

    MongoMarkers markers() {
        return markers;
    }

    @Override
    public List<String> post(String project, String queue, List<NewMessage> messages, String clientId) {
        if (messages.isEmpty()) {
            return List.of();
        }
        Instant now = storage.now();
        List<Document> documents = new ArrayList<>(messages.size());
        for (NewMessage message : messages) {
            Document document = new Document(ID, new ObjectId())
                    .append(SCOPE, scope(project, queue))
                    .append(BODY, message.body())
                    .append(CLIENT, clientId)
                    .append(CREATED, date(now))
                    .append(EXPIRES, date(now.plusSeconds(message.ttl())))
                    .append(DELAYED_UNTIL, date(now.plusSeconds(message.delay())))
                    .append(CLAIM, new Document("id", null).append("e", date(now)).append("t", 0).append("c", 0));
            if (message.checksum() != null) {
                document.append(CHECKSUM, message.checksum());
            }
            documents.add(document);
        }
        return markers.insert(project, queue, documents);
    }

    /** Filter of committed, live messages of the queue whose counter is {@code counter}. */
    static Bson visible(String project, String queue, long counter, Instant now) {
        return Filters.and(Filters.eq(SCOPE, scope(project, queue)), Filters.lt(MARKER, counter),
                Filters.eq(MongoSchema.TRANSACTION, null), Filters.gt(EXPIRES, date(now)));
    }

    static Bson free(Instant now) {
        return Filters.and(Filters.lte(CLAIM_EXPIRES, date(now)), Filters.lte(DELAYED_UNTIL, date(now)));
    }

    @Override
    public Page<Message> list(String project, String queue, MessageListQuery query) {
        Long after = null;
        if (query.marker() != null) {
            try {
                after = Long.parseLong(query.marker());
            } catch (NumberFormatException e) {
                after = -1L;
            }
            if (after < 0) {
                return new Page<>(List.of(), null); // a marker this store never issued
            }
        }
        Long counter = markers.counter(project, queue);
        if (counter == null || query.limit() <= 0) {
            return new Page<>(List.of(), null);
        }
        Instant now = storage.now();
        List<Bson> filters = new ArrayList<>(List.of(visible(project, queue, counter, now)));
        if (after != null) {
            filters.add(Filters.gt(MARKER, after));
        }
        if (!query.echo() && query.clientId() != null) {
            filters.add(Filters.ne(CLIENT, query.clientId()));
        }
        if (!query.includeClaimed()) {
            filters.add(Filters.lte(CLAIM_EXPIRES, date(now)));
        }
        if (!query.includeDelayed()) {
            filters.add(Filters.lte(DELAYED_UNTIL, date(now)));
        }
        List<Document> found = storage.retry().call("list messages", () -> storage.messageCollection(project, queue)
                .find(Filters.and(filters)).sort(Sorts.ascending(MARKER)).limit(query.limit())
                .into(new ArrayList<>()));
        List<Message> items = found.stream().map(document -> MongoSchema.toMessage(document, now)).toList();
        String next = found.isEmpty() ? null : String.valueOf(found.getLast().get(MARKER, Number.class).longValue());
        return new Page<>(items, next);
    }

    @Override
    public Message get(String project, String queue, String messageId) {
        ObjectId id = objectIdOrNull(messageId);
        Instant now = storage.now();
        Document found = id == null ? null : storage.retry().call("get message", () ->
                storage.messageCollection(project, queue).find(byIds(project, queue, List.of(id), now)).first());
        if (found == null) {
            throw ZaqarException.messageDoesNotExist(project, queue, messageId);
        }
        return MongoSchema.toMessage(found, now);
    }

    private static Bson byIds(String project, String queue, List<ObjectId> ids, Instant now) {
        return Filters.and(Filters.in(ID, ids), Filters.eq(SCOPE, scope(project, queue)),
                Filters.eq(MongoSchema.TRANSACTION, null), Filters.gt(EXPIRES, date(now)));
    }

    private static List<ObjectId> objectIds(Collection<String> ids) {
        return ids.stream().map(MongoSchema::objectIdOrNull).filter(Objects::nonNull).distinct().toList();
    }

    @Override
    public List<Message> bulkGet(String project, String queue, Collection<String> ids) {
        List<ObjectId> objectIds = objectIds(ids);
        if (objectIds.isEmpty()) {
            return List.of();
        }
        Instant now = storage.now();
        List<Document> found = storage.retry().call("get messages", () -> storage.messageCollection(project, queue)
                .find(byIds(project, queue, objectIds, now)).sort(Sorts.ascending(MARKER)).into(new ArrayList<>()));
        return found.stream().map(document -> MongoSchema.toMessage(document, now)).toList();
    }

    @Override
    public void delete(String project, String queue, String messageId, String claimId) {
        ObjectId id = objectIdOrNull(messageId);
        if (id == null) {
            return;
        }
        Instant now = storage.now();
        MongoCollection<Document> collection = storage.messageCollection(project, queue);
        ObjectId claim = objectIdOrNull(claimId);
        // The condition on the claim is part of the delete itself, so a claim made in between wins.
        Bson allowed = claimId == null
                ? Filters.lte(CLAIM_EXPIRES, date(now))
                : Filters.and(Filters.eq(CLAIM_ID, claim), Filters.gt(CLAIM_EXPIRES, date(now)));
        storage.retry().run("delete message", () -> {
            Bson message = byIds(project, queue, List.of(id), now);
            if (claimId != null && claim == null) {
                explainRefusal(collection, message, messageId, claimId, now);
                return;
            }
            if (collection.deleteOne(Filters.and(message, allowed)).getDeletedCount() == 0) {
                explainRefusal(collection, message, messageId, claimId, now);
            }
        });
    }

    /** Throws why the message could not be deleted, or returns when it does not exist (nothing to do). */
    private static void explainRefusal(MongoCollection<Document> collection, Bson message, String messageId,
                                       String claimId, Instant now) {
        Document found = collection.find(message).projection(Projections.include(CLAIM)).first();
        if (found == null) {
            return;
        }
        Document claim = found.get(CLAIM, Document.class);
        boolean claimed = claim.get("id") != null && claim.getDate("e").toInstant().isAfter(now);
        if (claimId == null) {
            if (claimed) {
                throw new ZaqarException(ErrorCode.MESSAGE_IS_CLAIMED,
                        "Message " + messageId + " is claimed; deleting it needs its claim id");
            }
            return;
        }
        if (claimed) {
            throw new ZaqarException(ErrorCode.MESSAGE_NOT_CLAIMED_BY,
                    "Message " + messageId + " is not claimed by " + claimId);
        }
        throw new ZaqarException(ErrorCode.MESSAGE_NOT_CLAIMED, "Message " + messageId + " is not claimed");
    }

    @Override
    public void bulkDelete(String project, String queue, Collection<String> ids, Collection<String> claimIds) {
        List<ObjectId> objectIds = objectIds(ids);
        if (objectIds.isEmpty()) {
            return;
        }
        Instant now = storage.now();
        List<Bson> filters = new ArrayList<>(List.of(Filters.in(ID, objectIds),
                Filters.eq(SCOPE, scope(project, queue))));
        if (claimIds != null) {
            List<ObjectId> claims = objectIds(claimIds);
            filters.add(Filters.or(Filters.lte(CLAIM_EXPIRES, date(now)),
                    Filters.and(Filters.in(CLAIM_ID, claims), Filters.gt(CLAIM_EXPIRES, date(now)))));
        }
        storage.retry().run("delete messages",
                () -> storage.messageCollection(project, queue).deleteMany(Filters.and(filters)));
    }

    @Override
    public List<Message> pop(String project, String queue, int limit) {
        Long counter = markers.counter(project, queue);
        if (counter == null) {
            return List.of();
        }
        Instant now = storage.now();
        Bson poppable = Filters.and(visible(project, queue, counter, now), free(now));
        FindOneAndDeleteOptions oldestFirst = new FindOneAndDeleteOptions().sort(Sorts.ascending(MARKER));
        MongoCollection<Document> collection = storage.messageCollection(project, queue);
        List<Message> popped = new ArrayList<>();
        for (int i = 0; i < limit; i++) {
            // Each removal is atomic on its own; two pops never get the same message.
            Document removed = storage.retry().call("pop message",
                    () -> collection.findOneAndDelete(poppable, oldestFirst));
            if (removed == null) {
                break;
            }
            popped.add(MongoSchema.toMessage(removed, now));
        }
        return popped;
    }

    @Override
    public void purge(String project, String queue) {
        // The queue's counter stays: markers handed out before the purge keep working.
        storage.retry().run("purge queue", () -> storage.messageCollection(project, queue)
                .deleteMany(Filters.eq(SCOPE, scope(project, queue))));
    }

    QueueStats stats(String project, String queue) {
        Long counter = markers.counter(project, queue);
        if (counter == null) {
            throw ZaqarException.queueDoesNotExist(project, queue);
        }
        Instant now = storage.now();
        MongoCollection<Document> collection = storage.messageCollection(project, queue);
        Bson live = visible(project, queue, counter, now);
        return storage.retry().call("read queue stats", () -> {
            long free = collection.countDocuments(Filters.and(live, Filters.lte(CLAIM_EXPIRES, date(now))));
            long claimed = collection.countDocuments(Filters.and(live, Filters.gt(CLAIM_EXPIRES, date(now))));
            Document oldest = collection.find(live).sort(Sorts.ascending(MARKER)).first();
            Document newest = collection.find(live).sort(Sorts.descending(MARKER)).first();
            return new QueueStats(free, claimed, free + claimed, reference(oldest), reference(newest));
        });
    }

    private static QueueStats.MessageRef reference(Document message) {
        return message == null ? null
                : new QueueStats.MessageRef(message.getObjectId(ID).toHexString(),
                        message.getDate(CREATED).toInstant());
    }
}
