package org.zaqar.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Queues and messages through the client, against the real server. */
class QueuesAndMessagesTest {
    private static TestServer server;
    private ZaqarClient zaqar;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Each test in a project of its own, so that queue listings see only its queues. */
    @BeforeEach
    void connect() {
        zaqar = server.client("project-" + UUID.randomUUID());
    }

    @AfterEach
    void disconnect() {
        zaqar.close();
    }

    @Test
    void queuesAreCreatedListedInPagesUpdatedCountedPurgedAndDeleted() {
        assertTrue(zaqar.queues().create("q-a", Map.of("_default_message_ttl", 3600, "color", "red")));
        assertFalse(zaqar.queues().create("q-a"), "a second create finds the queue");
        zaqar.queues().create("q-b");
        zaqar.queues().create("q-c");

        Page<QueueSummary> first = zaqar.queues().list(null, 2, true);
        assertEquals(List.of("q-a", "q-b"), first.items().stream().map(QueueSummary::name).toList());
        assertEquals("red", first.items().get(0).metadata().get("color"));
        assertEquals("/v2/queues/q-a", first.items().get(0).href());
        Page<QueueSummary> second = zaqar.queues().list(first.nextMarker(), 2, false);
        assertEquals(List.of("q-c"), second.items().stream().map(QueueSummary::name).toList());
        assertEquals(Map.of(), second.items().get(0).metadata());

        Map<String, Object> after = zaqar.queues().updateMetadata("q-a",
                List.of(MetadataChange.replace("color", "blue"), MetadataChange.add("size", 3),
                        MetadataChange.remove("_default_message_ttl")));
        assertEquals("blue", after.get("color"));
        assertEquals(3, after.get("size"));
        assertEquals(after, zaqar.queues().metadata("q-a"));

        zaqar.messages().post("q-b", List.of(NewMessage.of("one"), NewMessage.of("two")));
        assertEquals(new QueueStats(2, 0, 2), zaqar.queues().stats("q-b"));
        zaqar.queues().purge("q-b", "messages");
        assertEquals(new QueueStats(0, 0, 0), zaqar.queues().stats("q-b"));

        zaqar.queues().delete("q-c");
        assertEquals(List.of("q-a", "q-b"),
                zaqar.queues().list().items().stream().map(QueueSummary::name).toList());
    }

    @Test
    void messagesArePostedListedFetchedDeletedAndPopped() {
        String queue = "delaying";
        // As upstream, a message's own delay counts only in a queue with a default delay.
        zaqar.queues().create(queue, Map.of("_default_message_delay", 1));
        List<String> ids = zaqar.messages().post(queue, List.of(
                NewMessage.of(Map.of("n", 1)).withTtl(300).withDelay(0), NewMessage.of(Map.of("n", 2)).withDelay(0),
                NewMessage.of(Map.of("n", 3)).withDelay(0), NewMessage.of("later").withDelay(600)));
        assertEquals(4, ids.size());

        assertTrue(zaqar.messages().list(queue, MessageQuery.defaults()).items().isEmpty(),
                "a client does not see its own messages unless echoed");
        Page<Message> page = zaqar.messages().list(queue, MessageQuery.defaults().withEcho(true).withLimit(2));
        assertEquals(List.of(ids.get(0), ids.get(1)), page.items().stream().map(Message::id).toList());
        assertEquals(300, page.items().get(0).ttl());
        assertEquals(1, page.items().get(0).body().get("n").asInt());
        Page<Message> rest = zaqar.messages().list(queue,
                MessageQuery.defaults().withEcho(true).withMarker(page.nextMarker()));
        assertEquals(List.of(ids.get(2)), rest.items().stream().map(Message::id).toList(), "the delayed one is hidden");

        Message third = zaqar.messages().get(queue, ids.get(2));
        assertEquals(3, third.body().get("n").asInt());
        assertNull(third.claimId());
        assertEquals(List.of(ids.get(0), ids.get(2)), zaqar.messages().get(queue, List.of(ids.get(0), ids.get(2)))
                .stream().map(Message::id).toList());

        zaqar.messages().delete(queue, ids.get(2));
        ZaqarException gone = assertThrows(ZaqarException.class, () -> zaqar.messages().get(queue, ids.get(2)));
        assertEquals(404, gone.status());

        List<Message> popped = zaqar.messages().pop(queue, 1);
        assertEquals(List.of(ids.get(0)), popped.stream().map(Message::id).toList());
        assertEquals(List.of(ids.get(1)), zaqar.claims().create(queue, 60, 60, 10).orElseThrow().messages().stream()
                .map(Message::id).toList(), "the delayed message cannot be claimed yet");
        zaqar.messages().delete(queue, List.of(ids.get(1), ids.get(3)));
        assertEquals(new QueueStats(0, 0, 0), zaqar.queues().stats(queue));
    }

    @Test
    void claimedMessagesAreListedOnlyWhenAsked() {
        String queue = "claimed-listing";
        List<String> ids = zaqar.messages().post(queue, List.of(NewMessage.of(1), NewMessage.of(2)));
        Claim claim = zaqar.claims().create(queue, 60, 60, 1).orElseThrow();
        MessageQuery echoed = MessageQuery.defaults().withEcho(true);
        assertEquals(List.of(ids.get(1)),
                zaqar.messages().list(queue, echoed).items().stream().map(Message::id).toList());
        List<Message> all = zaqar.messages().list(queue, echoed.withIncludeClaimed(true)).items();
        assertEquals(ids, all.stream().map(Message::id).toList());
        assertEquals(claim.id(), all.get(0).claimId());
    }

    @Test
    void errorsCarryStatusTitleDescriptionAndRequestId() {
        ZaqarException e = assertThrows(ZaqarException.class,
                () -> zaqar.messages().post("errors", List.of(NewMessage.of("x").withTtl(1))));
        assertEquals(400, e.status());
        assertEquals("Invalid API request", e.title());
        assertTrue(e.description().contains("TTL"), e.description());
        assertTrue(e.requestId().startsWith("req-"), e.requestId());
        assertTrue(e.getMessage().startsWith("POST /v2/queues/errors/messages: 400 Invalid API request: "),
                e.getMessage());
    }
}
