package org.zaqar.storage.mongo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zaqar.core.error.ErrorCode;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.core.model.Claim;
import org.zaqar.core.model.ClaimRequest;
import org.zaqar.core.model.Message;
import org.zaqar.core.model.ReservedMetadata;
import org.zaqar.core.storage.ClaimStore;

import static org.zaqar.storage.mongo.MongoSchema.BODY;
import static org.zaqar.storage.mongo.MongoSchema.CHECKSUM;
import static org.zaqar.storage.mongo.MongoSchema.CLAIM;
import static org.zaqar.storage.mongo.MongoSchema.CLAIM_COUNT;
import static org.zaqar.storage.mongo.MongoSchema.CLAIM_EXPIRES;
import static org.zaqar.storage.mongo.MongoSchema.CLAIM_ID;
import static org.zaqar.storage.mongo.MongoSchema.CLAIM_TTL;
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
 * Claims, embedded in the messages they hold ({@code c.id}, {@code c.e}, {@code c.t}, {@code c.c}),
 * as upstream. Claiming is a conditional {@code updateMany} on candidates that are free right now;
 * the condition is checked per document by the server, so two claims never share a message.
 */
public final class MongoClaimStore implements ClaimStore {
    private static final Logger LOG = LoggerFactory.getLogger(MongoClaimStore.class);
    /** Rounds of "find candidates, claim those still free" before settling for fewer than asked. */
    private static final int CLAIM_ROUNDS = 10;
    /** How long a message being moved to its dead-letter queue is held against other claims. */
    private static final long DEAD_LETTER_HOLD_SECONDS = 60;

    private final MongoMessageStorage storage;

    MongoClaimStore(MongoMessageStorage storage) {
        this.storage = storage;
    }

    @Override
    public Claim create(String project, String queue, ClaimRequest request) {
        Instant now = storage.now();
        Document queueDocument = storage.queues().find(project, queue,
                Projections.include(MongoSchema.METADATA, MongoSchema.COUNTER));
        if (queueDocument == null || request.limit() <= 0) {
            return new Claim(null, request.ttl(), now, List.of());
        }
        long counter = queueDocument.get(MongoSchema.COUNTER, Document.class).get("v", Number.class).longValue();
        DeadLetters deadLetters = DeadLetters.of(project,
                MongoSchema.toPlainMap(queueDocument.get(MongoSchema.METADATA, Document.class)), storage);
        ObjectId claimId = new ObjectId();
        Instant claimExpires = now.plusSeconds(request.ttl());
        Instant messagesLiveUntil = claimExpires.plusSeconds(request.grace());
        MongoCollection<Document> collection = storage.messageCollection(project, queue);
        Bson claimable = Filters.and(MongoMessageStore.visible(project, queue, counter, now),
                MongoMessageStore.free(now));
        Bson claim = Updates.combine(
                Updates.set(CLAIM_ID, claimId),
                Updates.set(CLAIM_EXPIRES, date(claimExpires)),
                Updates.set(CLAIM_TTL, request.ttl()),
                Updates.inc(CLAIM_COUNT, 1),
                // A claim never shortens a message's life, but keeps it alive until claim expiry + grace.
                Updates.max(EXPIRES, date(messagesLiveUntil)));

        long claimed = 0;
        long moved = 0;
        // A message moved to the dead-letter queue takes one of the limit's places, as upstream.
        for (int round = 0; round < CLAIM_ROUNDS && claimed + moved < request.limit(); round++) {
            int wanted = (int) (request.limit() - claimed - moved);
            List<Document> candidates = storage.retry().call("find messages to claim", () -> collection.find(claimable)
                    .projection(Projections.include(ID, CLAIM_COUNT)).sort(Sorts.ascending(MARKER)).limit(wanted)
                    .into(new ArrayList<>()));
            if (candidates.isEmpty()) {
                break;
            }
            List<ObjectId> toClaim = new ArrayList<>();
            List<ObjectId> toDeadLetter = new ArrayList<>();
            for (Document candidate : candidates) {
                Number count = candidate.get(CLAIM, Document.class).get("c", Number.class);
                boolean dead = deadLetters != null && count != null && count.intValue() >= deadLetters.maxClaimCount();
                (dead ? toDeadLetter : toClaim).add(candidate.getObjectId(ID));
            }
            if (!toClaim.isEmpty()) {
                Bson stillFree = Filters.and(Filters.in(ID, toClaim), claimable, deadLetters == null
                        ? new Document() : Filters.lt(CLAIM_COUNT, deadLetters.maxClaimCount()));
                claimed += storage.retry().call("claim messages",
                        () -> collection.updateMany(stillFree, claim).getModifiedCount());
            }
            for (ObjectId id : toDeadLetter) {
                if (moveToDeadLetterQueue(project, queue, id, deadLetters, claimable, now)) {
                    moved++;
                }
            }
        }
        if (moved > 0) {
            storage.events().deadLettered(moved);
        }
        if (claimed == 0) {
            return new Claim(null, request.ttl(), now, List.of());
        }
        List<Message> messages = claimedMessages(collection, project, queue, claimId, now);
        return new Claim(messages.isEmpty() ? null : claimId.toHexString(), request.ttl(), now, messages);
    }

    /**
     * Holds the message with a private claim so that nobody else takes it, posts a copy to the
     * dead-letter queue (after that queue's newest message, with a fresh marker), then deletes it.
     * A crash half way leaves the message where it was once the hold expires.
     */
    private boolean moveToDeadLetterQueue(String project, String queue, ObjectId id, DeadLetters deadLetters,
                                       Bson claimable, Instant now) {
        MongoCollection<Document> collection = storage.messageCollection(project, queue);
        ObjectId hold = new ObjectId();
        Document held = storage.retry().call("hold a message for its dead-letter queue", () ->
                collection.findOneAndUpdate(Filters.and(Filters.eq(ID, id), claimable),
                        Updates.combine(Updates.set(CLAIM_ID, hold),
                                Updates.set(CLAIM_EXPIRES, date(now.plusSeconds(DEAD_LETTER_HOLD_SECONDS)))),
                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)));
        if (held == null) {
            return false;
        }
        Number count = held.get(CLAIM, Document.class).get("c", Number.class);
        Instant expires = deadLetters.messagesTtl() != null
                ? now.plusSeconds(deadLetters.messagesTtl()) : held.getDate(EXPIRES).toInstant();
        Document copy = new Document(ID, new ObjectId())
                .append(SCOPE, scope(project, deadLetters.queue()))
                .append(BODY, held.getString(BODY))
                .append(CLIENT, held.get(CLIENT))
                .append(CREATED, held.getDate(CREATED))
                .append(EXPIRES, date(expires))
                .append(DELAYED_UNTIL, date(now))
                .append(CLAIM, new Document("id", null).append("e", date(now)).append("t", 0)
                        .append("c", count == null ? 0 : count.intValue()));
        if (held.getString(CHECKSUM) != null) {
            copy.append(CHECKSUM, held.getString(CHECKSUM));
        }
        try {
            storage.messages().markers().insert(project, deadLetters.queue(), List.of(copy));
        } catch (ZaqarException e) {
            if (e.code() != ErrorCode.QUEUE_DOES_NOT_EXIST) {
                throw e;
            }
            if (storage.queues().create(project, deadLetters.queue(), Map.of())) {
                LOG.info("Created dead-letter queue {} of project {}", deadLetters.queue(), project);
            }
            storage.messages().markers().insert(project, deadLetters.queue(), List.of(copy));
        }
        storage.retry().run("remove a dead-lettered message", () ->
                collection.deleteOne(Filters.and(Filters.eq(ID, id), Filters.eq(CLAIM_ID, hold))));
        LOG.debug("Message {} of {}/{} reached its claim limit {} and moved to {}", id.toHexString(), project,
                queue, deadLetters.maxClaimCount(), deadLetters.queue());
        return true;
    }

    private List<Message> claimedMessages(MongoCollection<Document> collection, String project, String queue,
                                          ObjectId claimId, Instant now) {
        Bson held = Filters.and(Filters.eq(SCOPE, scope(project, queue)), Filters.eq(CLAIM_ID, claimId),
                Filters.gt(CLAIM_EXPIRES, date(now)), Filters.gt(EXPIRES, date(now)));
        List<Document> found = storage.retry().call("read claimed messages",
                () -> collection.find(held).sort(Sorts.ascending(MARKER)).into(new ArrayList<>()));
        return found.stream().map(document -> MongoSchema.toMessage(document, now)).toList();
    }

    @Override
    public Claim get(String project, String queue, String claimId) {
        ObjectId id = objectIdOrNull(claimId);
        if (id == null) {
            throw ZaqarException.claimDoesNotExist(project, queue, claimId);
        }
        Instant now = storage.now();
        MongoCollection<Document> collection = storage.messageCollection(project, queue);
        List<Message> messages = claimedMessages(collection, project, queue, id, now);
        if (messages.isEmpty()) {
            throw ZaqarException.claimDoesNotExist(project, queue, claimId);
        }
        Document first = storage.retry().call("read claim", () -> collection.find(Filters.and(
                Filters.eq(ID, new ObjectId(messages.getFirst().id())), Filters.eq(CLAIM_ID, id))).first());
        if (first == null) {
            throw ZaqarException.claimDoesNotExist(project, queue, claimId);
        }
        Document claim = first.get(CLAIM, Document.class);
        int ttl = claim.get("t", Number.class).intValue();
        Instant updatedAt = claim.getDate("e").toInstant().minusSeconds(ttl);
        return new Claim(claimId, ttl, updatedAt, messages);
    }

    @Override
    public void update(String project, String queue, String claimId, int ttl, int grace) {
        ObjectId id = objectIdOrNull(claimId);
        if (id == null) {
            throw ZaqarException.claimDoesNotExist(project, queue, claimId);
        }
        Instant now = storage.now();
        Instant claimExpires = now.plusSeconds(ttl);
        Bson live = Filters.and(Filters.eq(SCOPE, scope(project, queue)), Filters.eq(CLAIM_ID, id),
                Filters.gt(CLAIM_EXPIRES, date(now)), Filters.gt(EXPIRES, date(now)));
        Bson renew = Updates.combine(Updates.set(CLAIM_EXPIRES, date(claimExpires)), Updates.set(CLAIM_TTL, ttl),
                Updates.max(EXPIRES, date(claimExpires.plusSeconds(grace))));
        long matched = storage.retry().call("renew claim",
                () -> storage.messageCollection(project, queue).updateMany(live, renew).getMatchedCount());
        if (matched == 0) {
            throw ZaqarException.claimDoesNotExist(project, queue, claimId);
        }
    }

    @Override
    public void delete(String project, String queue, String claimId) {
        ObjectId id = objectIdOrNull(claimId);
        if (id == null) {
            return;
        }
        Instant now = storage.now();
        storage.retry().run("release claim", () -> storage.messageCollection(project, queue).updateMany(
                Filters.and(Filters.eq(SCOPE, scope(project, queue)), Filters.eq(CLAIM_ID, id)),
                Updates.combine(Updates.set(CLAIM_ID, null), Updates.set(CLAIM_EXPIRES, date(now)))));
    }

    /** The dead-letter settings of a queue, when complete; the dead-letter queue is created when missing. */
    private record DeadLetters(int maxClaimCount, String queue, Integer messagesTtl) {

        static DeadLetters of(String project, Map<String, Object> metadata, MongoMessageStorage storage) {
            Object max = metadata.get(ReservedMetadata.MAX_CLAIM_COUNT);
            Object queue = metadata.get(ReservedMetadata.DEAD_LETTER_QUEUE);
            if (!(max instanceof Number maxCount) || !(queue instanceof String deadLetterQueue)
                    || deadLetterQueue.isEmpty()) {
                return null;
            }
            Object ttl = metadata.get(ReservedMetadata.DEAD_LETTER_QUEUE_MESSAGES_TTL);
            Integer messagesTtl = ttl instanceof Number number && number.intValue() > 0 ? number.intValue() : null;
            return new DeadLetters(maxCount.intValue(), deadLetterQueue, messagesTtl);
        }
    }
}
