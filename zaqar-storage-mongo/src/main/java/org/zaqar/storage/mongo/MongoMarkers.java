package org.zaqar.storage.mongo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zaqar.core.error.ZaqarException;

import static org.zaqar.storage.mongo.MongoSchema.COUNTER;
import static org.zaqar.storage.mongo.MongoSchema.COUNTER_TIME;
import static org.zaqar.storage.mongo.MongoSchema.COUNTER_VALUE;
import static org.zaqar.storage.mongo.MongoSchema.CREATED;
import static org.zaqar.storage.mongo.MongoSchema.ID;
import static org.zaqar.storage.mongo.MongoSchema.MARKER;
import static org.zaqar.storage.mongo.MongoSchema.SCOPE;
import static org.zaqar.storage.mongo.MongoSchema.TRANSACTION;
import static org.zaqar.storage.mongo.MongoSchema.date;
import static org.zaqar.storage.mongo.MongoSchema.scope;

/**
 * Per-queue monotonic markers and atomic batch posts, built on single-document atomicity only (no
 * transactions), in the spirit of upstream's FIFO message controller.
 *
 * <p>The queue document's counter {@code c.v} is the next free marker, and also the visibility line:
 * readers only see messages below it. A post
 * <ol>
 *   <li>reads the counter {@code v};</li>
 *   <li>inserts its batch with markers {@code v .. v+n-1}, tagged with a transaction id so that nothing
 *       shows yet; the unique index on (queue, marker) makes a racing post fail as a whole and retry
 *       with a linear backoff ({@code max_attempts}, {@code max_retry_sleep}, {@code max_retry_jitter});</li>
 *   <li>checks that the counter is still {@code v} (a post that stalled for long could otherwise land
 *       below markers readers have already passed), clears the transaction tag, and</li>
 *   <li>moves the counter from {@code v} to {@code v+n} with one compare-and-set: the whole batch becomes
 *       visible at once, after every earlier batch, so paging never skips or repeats a message.</li>
 * </ol>
 * A post that died between insert and counter move blocks its successors; as upstream, after
 * {@link #STALL_WINDOW} without the counter moving, the next post clears the way.
 */
final class MongoMarkers {
    private static final Logger LOG = LoggerFactory.getLogger(MongoMarkers.class);
    /** Upstream's COUNTER_STALL_WINDOW. */
    static final Duration STALL_WINDOW = Duration.ofSeconds(5);
    /** Upstream's MAX_RETRY_POST_DURATION: never retry past the minimum message ttl. */
    static final Duration MAX_RETRY_DURATION = Duration.ofSeconds(45);

    private final MongoMessageStorage storage;

    MongoMarkers(MongoMessageStorage storage) {
        this.storage = storage;
    }

    /** The queue's counter: messages below it are committed. Null when the queue does not exist. */
    Long counter(String project, String queue) {
        return storage.retry().call("read the counter of queue " + queue, () -> readCounter(project, queue));
    }

    private Long readCounter(String project, String queue) {
        Document found = readQueue(project, queue);
        return found == null ? null : found.get(COUNTER, Document.class).get("v", Number.class).longValue();
    }

    private Document readQueue(String project, String queue) {
        return storage.queueCollection().find(Filters.eq(SCOPE, scope(project, queue)))
                .projection(Projections.include(COUNTER)).first();
    }

    /**
     * Inserts prepared message documents (everything but marker and transaction set) as one batch.
     *
     * @return their ids, in order
     */
    List<String> insert(String project, String queue, List<Document> documents) {
        return storage.retry().call("post messages to " + queue, () -> insertOnce(project, queue, documents));
    }

    private List<String> insertOnce(String project, String queue, List<Document> documents) {
        MongoStorageOptions options = storage.options();
        MongoCollection<Document> messages = storage.messageCollection(project, queue);
        Instant started = storage.now();
        // Fresh ids on every call: leftovers of an attempt cut short by a lost connection never collide.
        documents.forEach(document -> document.put(ID, new ObjectId()));
        List<ObjectId> ids = documents.stream().map(document -> document.getObjectId(ID)).toList();
        for (int attempt = 0; attempt < options.maxAttempts(); attempt++) {
            Long counter = readCounter(project, queue);
            if (counter == null) {
                throw ZaqarException.queueDoesNotExist(project, queue);
            }
            ObjectId transaction = new ObjectId();
            for (int i = 0; i < documents.size(); i++) {
                documents.get(i).put(MARKER, counter + i);
                documents.get(i).put(TRANSACTION, transaction);
            }
            try {
                messages.insertMany(documents);
            } catch (MongoBulkWriteException | MongoWriteException e) {
                if (!isDuplicateKey(e)) {
                    throw e;
                }
                // Another post holds these markers; take away whatever of ours got in and try again.
                messages.deleteMany(Filters.eq(TRANSACTION, transaction));
                if (Duration.between(started, storage.now()).compareTo(MAX_RETRY_DURATION) > 0) {
                    break;
                }
                clearStall(project, queue, counter);
                backoff(attempt, options);
                continue;
            }
            try {
                if (commit(project, queue, messages, transaction, counter, ids)) {
                    if (attempt > 0) {
                        LOG.debug("{} attempts to post {} messages to {}/{}", attempt + 1, documents.size(),
                                project, queue);
                    }
                    return ids.stream().map(ObjectId::toHexString).toList();
                }
            } catch (RuntimeException e) {
                // Never leave a half-made post behind; the caller may retry it as a whole.
                deleteQuietly(messages, ids);
                throw e;
            }
            backoff(attempt, options);
        }
        LOG.warn("Hit the maximum of {} attempts (or {}) posting to queue {} of project {}",
                options.maxAttempts(), MAX_RETRY_DURATION, queue, project);
        throw ZaqarException.unavailable("could not post to queue " + queue + " of project " + project
                + ": its markers stayed contended for " + options.maxAttempts() + " attempts", null);
    }

    /** Steps 3 and 4; false (with our documents removed) when the post must start over. */
    private boolean commit(String project, String queue, MongoCollection<Document> messages, ObjectId transaction,
                           long counter, List<ObjectId> ids) {
        int count = ids.size();
        Long current = readCounter(project, queue);
        if (current == null) {
            messages.deleteMany(Filters.eq(TRANSACTION, transaction));
            throw ZaqarException.queueDoesNotExist(project, queue);
        }
        if (current != counter) {
            // Our markers are already behind the visibility line: readers may have passed them.
            messages.deleteMany(Filters.eq(TRANSACTION, transaction));
            return false;
        }
        messages.updateMany(Filters.eq(TRANSACTION, transaction), Updates.set(TRANSACTION, null));
        Document moved = storage.queueCollection().findOneAndUpdate(
                Filters.and(Filters.eq(SCOPE, scope(project, queue)), Filters.eq(COUNTER_VALUE, counter)),
                Updates.combine(Updates.set(COUNTER_VALUE, counter + count),
                        Updates.set(COUNTER_TIME, date(storage.now()))));
        if (moved != null) {
            return true;
        }
        Long after = readCounter(project, queue);
        if (after == null) {
            deleteQuietly(messages, ids);
            throw ZaqarException.queueDoesNotExist(project, queue);
        }
        // Only a stall breaker moves a counter it does not own; past our batch, it made it visible.
        if (after >= counter + count) {
            return true;
        }
        deleteQuietly(messages, ids);
        return false;
    }

    /**
     * When the counter has not moved for {@link #STALL_WINDOW}, the post holding marker {@code counter}
     * died: an unfinished one is removed, a finished one that never moved the counter is let through.
     */
    private void clearStall(String project, String queue, long counter) {
        Instant now = storage.now();
        Instant threshold = now.minus(STALL_WINDOW);
        Document queueDocument = readQueue(project, queue);
        if (queueDocument == null) {
            return;
        }
        Document counterDocument = queueDocument.get(COUNTER, Document.class);
        if (counterDocument.get("v", Number.class).longValue() != counter
                || !counterDocument.getDate("t").toInstant().isBefore(threshold)) {
            return;
        }
        MongoCollection<Document> messages = storage.messageCollection(project, queue);
        Document blocking = messages.find(Filters.and(Filters.eq(SCOPE, scope(project, queue)),
                Filters.eq(MARKER, counter))).first();
        if (blocking == null || !blocking.getDate(CREATED).toInstant().isBefore(threshold)) {
            return;
        }
        ObjectId transaction = blocking.getObjectId(TRANSACTION);
        if (transaction != null) {
            long removed = messages.deleteMany(Filters.eq(TRANSACTION, transaction)).getDeletedCount();
            LOG.warn("Removed {} messages of a post to {}/{} that never finished", removed, project, queue);
        } else {
            storage.queueCollection().updateOne(
                    Filters.and(Filters.eq(SCOPE, scope(project, queue)), Filters.eq(COUNTER_VALUE, counter)),
                    Updates.combine(Updates.inc(COUNTER_VALUE, 1L), Updates.set(COUNTER_TIME, date(now))));
            LOG.warn("Detected a stalled message counter for {}/{}; moved it past marker {}", project, queue, counter);
        }
    }

    private static boolean isDuplicateKey(MongoException e) {
        if (e instanceof MongoWriteException write) {
            return write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
        }
        if (e instanceof MongoBulkWriteException bulk) {
            return bulk.getWriteErrors().stream()
                    .anyMatch(error -> ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY);
        }
        return false;
    }

    /** Upstream's calculate_backoff: linear in the attempt, plus jitter. */
    private static void backoff(int attempt, MongoStorageOptions options) {
        double ratio = (double) attempt / options.maxAttempts();
        long nanos = Math.round(ratio * options.maxRetrySleep().toNanos()
                + ThreadLocalRandom.current().nextDouble() * options.maxRetryJitter().toNanos());
        if (nanos <= 0) {
            Thread.onSpinWait();
            return;
        }
        try {
            Thread.sleep(Duration.ofNanos(nanos));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ZaqarException.unavailable("interrupted while posting messages", e);
        }
    }

    private static void deleteQuietly(MongoCollection<Document> messages, List<ObjectId> ids) {
        try {
            messages.deleteMany(Filters.in(ID, ids));
        } catch (MongoException cleanupFailure) {
            LOG.warn("Could not remove the messages of a failed post: {}", cleanupFailure.getMessage());
        }
    }
}
