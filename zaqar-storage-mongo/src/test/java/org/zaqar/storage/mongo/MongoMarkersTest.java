package org.zaqar.storage.mongo;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zaqar.core.model.Message;
import org.zaqar.core.model.MessageListQuery;
import org.zaqar.core.model.NewMessage;
import org.zaqar.core.model.Page;
import org.zaqar.core.storage.MessageEvents;
import org.zaqar.core.testing.ManualClock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The post protocol's recovery paths and garbage collection, seen in the raw documents. */
class MongoMarkersTest {
    private final ManualClock clock = new ManualClock();
    private final MongoTestServer server = MongoTestServer.get();
    private String database;
    private MongoMessageStorage storage;
    private MongoCollection<Document> messages;

    @BeforeEach
    void open() {
        database = MongoTestServer.freshDatabase();
        storage = new MongoMessageStorage(server.client(), false, MongoTestServer.options(server.uri, database,
                Map.of()), clock, MessageEvents.NONE, !server.realServer);
        storage.queues().create("p", "q", Map.of());
        messages = storage.messageCollection("p", "q");
    }

    @AfterEach
    void close() {
        storage.close();
        server.drop(database, 2);
    }

    private List<String> listed() {
        return storage.messages().list("p", "q", new MessageListQuery(null, 20, true, "c", true, true))
                .items().stream().map(Message::id).toList();
    }

    private List<String> post(int count) {
        return storage.messages().post("p", "q",
                java.util.Collections.nCopies(count, new NewMessage("{}", 300, 0, null)), "c");
    }

    /** A message document as a post that died half way leaves it. */
    private Document orphan(long marker, ObjectId transaction) {
        return new Document("_id", new ObjectId()).append("p_q", "p/q").append("b", "{\"orphan\":1}")
                .append("u", "c").append("cr", MongoSchema.date(clock.instant()))
                .append("e", MongoSchema.date(clock.instant().plusSeconds(300)))
                .append("d", MongoSchema.date(clock.instant()))
                .append("c", new Document("id", null).append("e", MongoSchema.date(clock.instant())).append("c", 0))
                .append("k", marker).append("tx", transaction);
    }

    @Test
    void markersStartAtOneAndFollowEachOther() {
        post(2);
        post(1);
        List<Number> markers = messages.find(Filters.eq("p_q", "p/q")).sort(new Document("k", 1))
                .map(document -> document.get("k", Number.class)).into(new java.util.ArrayList<>());
        assertEquals(List.of(1L, 2L, 3L), markers.stream().map(Number::longValue).toList());
        assertEquals(4L, storage.messages().markers().counter("p", "q"));
    }

    @Test
    void aReaderPagingWhilePostersPostSeesEveryMessageOnceInOrder() throws Exception {
        int posters = 4;
        int postsEach = 40;
        ExecutorService executor = Executors.newFixedThreadPool(posters + 1);
        try {
            AtomicBoolean posting = new AtomicBoolean(true);
            List<Future<List<String>>> posted = new ArrayList<>();
            for (int poster = 0; poster < posters; poster++) {
                posted.add(executor.submit(() -> {
                    List<String> mine = new ArrayList<>();
                    for (int i = 0; i < postsEach; i++) {
                        mine.addAll(post(1 + i % 3));
                    }
                    return mine;
                }));
            }
            Future<List<String>> reader = executor.submit(() -> {
                List<String> seen = new ArrayList<>();
                String marker = null;
                while (true) {
                    boolean last = !posting.get();
                    Page<Message> page = storage.messages().list("p", "q",
                            new MessageListQuery(marker, 5, true, "c", true, true));
                    page.items().forEach(message -> seen.add(message.id()));
                    if (!page.items().isEmpty()) {
                        marker = page.nextMarker();
                    } else if (last) {
                        return seen;
                    }
                }
            });
            List<String> all = new ArrayList<>();
            for (Future<List<String>> future : posted) {
                all.addAll(future.get(60, TimeUnit.SECONDS));
            }
            posting.set(false);
            List<String> seen = reader.get(60, TimeUnit.SECONDS);
            assertEquals(seen.size(), new HashSet<>(seen).size(), "no message is seen twice");
            assertEquals(new HashSet<>(all), new HashSet<>(seen), "no message is skipped");
            for (Future<List<String>> future : posted) {
                List<String> mine = future.get();
                assertEquals(mine, seen.stream().filter(new HashSet<>(mine)::contains).toList());
            }
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void unfinishedPostIsInvisibleAndClearedOnceStalled() {
        List<String> before = post(1);
        messages.insertOne(orphan(2, new ObjectId()));
        assertEquals(before, listed(), "an unfinished post shows nothing");
        clock.advanceSeconds(10);
        List<String> after = post(1);
        assertEquals(List.of(before.getFirst(), after.getFirst()), listed());
        assertEquals(2, messages.countDocuments(Filters.eq("p_q", "p/q")), "the orphan is gone");
    }

    @Test
    void finishedPostThatNeverMovedTheCounterIsLetThroughOnceStalled() {
        List<String> before = post(1);
        Document finished = orphan(2, null);
        messages.insertOne(finished);
        assertEquals(before, listed(), "below the counter only");
        clock.advanceSeconds(10);
        List<String> after = post(1);
        assertEquals(List.of(before.getFirst(), finished.getObjectId("_id").toHexString(), after.getFirst()), listed());
    }

    @Test
    void garbageCollectionRemovesExpiredMessagesExpiredClaimsAndAbandonedPosts() {
        storage.messages().post("p", "q", List.of(new NewMessage("{}", 60, 0, null)), "c");
        String survivor = storage.messages().post("p", "q", List.of(new NewMessage("{}", 600, 0, null)), "c")
                .getFirst();
        messages.insertOne(orphan(100, new ObjectId()));
        var claim = storage.claims().create("p", "q", new org.zaqar.core.model.ClaimRequest(60, 0, 1));
        assertEquals(1, claim.messages().size());
        clock.advanceSeconds(120);
        storage.collectGarbage();
        List<Document> left = messages.find(Filters.eq("p_q", "p/q")).into(new java.util.ArrayList<>());
        assertEquals(1, left.size());
        assertEquals(survivor, left.getFirst().getObjectId("_id").toHexString());
        assertTrue(left.getFirst().get("c", Document.class).get("id") == null, "the expired claim is cleared");
    }
}
