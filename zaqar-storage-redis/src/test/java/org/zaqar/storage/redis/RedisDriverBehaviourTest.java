package org.zaqar.storage.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zaqar.core.error.ErrorCode;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.core.model.Claim;
import org.zaqar.core.model.ClaimRequest;
import org.zaqar.core.model.MessageListQuery;
import org.zaqar.core.model.NewMessage;
import org.zaqar.core.model.ReservedMetadata;
import org.zaqar.core.storage.MessageStorage;
import org.zaqar.core.testing.ManualClock;

import redis.clients.jedis.Jedis;

/** Behaviour specific to this driver, beyond the shared contract. */
class RedisDriverBehaviourTest {
    private final ManualClock clock = new ManualClock();
    private final String project = "behaviour-" + UUID.randomUUID();
    private MessageStorage storage;

    @BeforeEach
    void open() {
        storage = RedisTestServer.shared().open(clock);
    }

    @AfterEach
    void close() {
        storage.close();
    }

    private Claim claimAndRelease(String queue) {
        Claim claim = storage.claims().create(project, queue, new ClaimRequest(60, 0, 10));
        if (claim.id() != null) {
            storage.claims().delete(project, queue, claim.id());
        }
        return claim;
    }

    @Test
    void aPostBuiltFromMetadataAnotherNodeChangedIsRefusedUntilReadAgain() {
        storage.queues().create(project, "q", Map.of());
        try (MessageStorage otherNode = RedisTestServer.shared().open(clock)) {
            assertEquals(Map.of(), storage.queues().metadataForPosting(project, "q"));
            otherNode.queues().setMetadata(project, "q", Map.of(ReservedMetadata.DEFAULT_MESSAGE_TTL, 120));
            List<NewMessage> message = List.of(new NewMessage("{}", 600, 0, null));
            ZaqarException stale = assertThrows(ZaqarException.class,
                    () -> storage.messages().post(project, "q", message, "c"));
            assertEquals(ErrorCode.QUEUE_METADATA_CHANGED, stale.code());
            assertEquals(0, storage.queues().stats(project, "q").total());

            assertEquals(Map.of(ReservedMetadata.DEFAULT_MESSAGE_TTL, 120), storage.queues().metadataForPosting(project, "q"));
            assertEquals(1, storage.messages().post(project, "q", message, "c").size());

            otherNode.queues().delete(project, "q");
            ZaqarException gone = assertThrows(ZaqarException.class,
                    () -> storage.messages().post(project, "q", message, "c"));
            assertEquals(ErrorCode.QUEUE_DOES_NOT_EXIST, gone.code());
            assertEquals(ErrorCode.QUEUE_DOES_NOT_EXIST, assertThrows(ZaqarException.class,
                    () -> storage.queues().metadataForPosting(project, "q")).code());
        }
    }

    @Test
    void aPostTellsTheNotifierWhetherItsQueueHasSubscriptions() {
        storage.queues().create(project, "q", Map.of());
        List<NewMessage> message = List.of(new NewMessage("{}", 600, 0, null));
        assertTrue(storage.subscriptions().mayHaveSubscriptions(project, "q"), "nothing known yet");
        storage.messages().post(project, "q", message, "c");
        assertFalse(storage.subscriptions().mayHaveSubscriptions(project, "q"));

        storage.subscriptions().create(project, "q", "http://127.0.0.1:1/a", 600, Map.of());
        assertTrue(storage.subscriptions().mayHaveSubscriptions(project, "q"), "created through this node");

        try (MessageStorage otherNode = RedisTestServer.shared().open(clock)) {
            otherNode.messages().post(project, "q", message, "c");
            assertTrue(otherNode.subscriptions().mayHaveSubscriptions(project, "q"), "its post saw the subscription");
            otherNode.queues().create(project, "r", Map.of());
            otherNode.messages().post(project, "r", message, "c");
            assertFalse(otherNode.subscriptions().mayHaveSubscriptions(project, "r"));
            storage.subscriptions().create(project, "r", "http://127.0.0.1:1/b", 600, Map.of());
            otherNode.messages().post(project, "r", message, "c");
            assertTrue(otherNode.subscriptions().mayHaveSubscriptions(project, "r"), "made through the first node");
        }
    }

    @Test
    void missingDeadLetterQueueIsCreatedWhenTheFirstMessageMoves() {
        storage.queues().create(project, "q", Map.of(ReservedMetadata.MAX_CLAIM_COUNT, 1,
                ReservedMetadata.DEAD_LETTER_QUEUE, "dead"));
        storage.messages().post(project, "q", List.of(new NewMessage("{}", 600, 0, null)), "c");
        assertEquals(1, claimAndRelease("q").messages().size());
        assertTrue(claimAndRelease("q").messages().isEmpty());
        assertTrue(storage.queues().exists(project, "dead"));
        assertEquals(1, storage.queues().stats(project, "dead").total());
        assertEquals(2, storage.queues().count(project));
    }

    @Test
    void aDeadLetteredMessageTakesOneOfTheLimitPlaces() {
        storage.queues().create(project, "q", Map.of(ReservedMetadata.MAX_CLAIM_COUNT, 1,
                ReservedMetadata.DEAD_LETTER_QUEUE, "dead"));
        String veteran = storage.messages().post(project, "q", List.of(new NewMessage("{}", 600, 0, null)), "c")
                .getFirst();
        claimAndRelease("q");
        String rookie = storage.messages().post(project, "q", List.of(new NewMessage("{}", 600, 0, null)), "c")
                .getFirst();
        Claim first = storage.claims().create(project, "q", new ClaimRequest(60, 0, 1));
        assertTrue(first.messages().isEmpty());
        assertEquals(veteran, storage.messages().get(project, "dead", veteran).id());
        Claim second = storage.claims().create(project, "q", new ClaimRequest(60, 0, 1));
        assertEquals(rookie, second.messages().getFirst().id());
    }

    @Test
    void queueNamingItselfAsDeadLetterQueueKeepsItsMessages() {
        storage.queues().create(project, "q", Map.of(ReservedMetadata.MAX_CLAIM_COUNT, 1,
                ReservedMetadata.DEAD_LETTER_QUEUE, "q"));
        storage.messages().post(project, "q", List.of(new NewMessage("{}", 600, 0, null)), "c");
        for (int round = 0; round < 3; round++) {
            assertEquals(1, claimAndRelease("q").messages().size());
        }
    }

    @Test
    void metadataChangesReachTheClaimScript() {
        storage.queues().create(project, "q", Map.of());
        storage.messages().post(project, "q", List.of(new NewMessage("{}", 600, 0, null)), "c");
        claimAndRelease("q");
        storage.queues().setMetadata(project, "q", Map.of(ReservedMetadata.MAX_CLAIM_COUNT, 1,
                ReservedMetadata.DEAD_LETTER_QUEUE, "dead", ReservedMetadata.DEAD_LETTER_QUEUE_MESSAGES_TTL, 50));
        assertTrue(claimAndRelease("q").messages().isEmpty());
        assertEquals(50, storage.messages().list(project, "dead",
                new MessageListQuery(null, 10, true, "c", false, false)).items().getFirst().ttl());
        storage.queues().setMetadata(project, "q", Map.of());
        storage.messages().post(project, "q", List.of(new NewMessage("{}", 600, 0, null)), "c");
        claimAndRelease("q");
        assertEquals(1, claimAndRelease("q").messages().size(), "without the reserved keys nothing moves");
    }

    @Test
    void scriptsAreReloadedAfterScriptFlush() {
        storage.queues().create(project, "q", Map.of());
        try (Jedis jedis = new Jedis("127.0.0.1", RedisTestServer.shared().port())) {
            jedis.scriptFlush();
        }
        storage.messages().post(project, "q", List.of(new NewMessage("{}", 600, 0, null)), "c");
        assertEquals(1, storage.queues().stats(project, "q").total());
        try (Jedis jedis = new Jedis("127.0.0.1", RedisTestServer.shared().port())) {
            jedis.scriptFlush();
        }
        clock.advanceSeconds(601);
        storage.collectGarbage();
        assertEquals(0, storage.queues().stats(project, "q").total());
    }

    @Test
    void claimsReleasedInBulkAreClaimableAgain() {
        storage.queues().create(project, "q", Map.of());
        for (int i = 0; i < 30; i++) {
            storage.messages().post(project, "q", List.of(new NewMessage("{}", 3600, 0, null),
                    new NewMessage("{}", 3600, 0, null)), "c");
        }
        for (int i = 0; i < 6; i++) {
            assertEquals(10, storage.claims().create(project, "q", new ClaimRequest(60, 0, 10)).messages().size());
        }
        assertEquals(60, storage.queues().stats(project, "q").claimed());
        clock.advanceSeconds(60);
        assertEquals(60, storage.queues().stats(project, "q").free());
        assertEquals(20, storage.claims().create(project, "q", new ClaimRequest(60, 0, 20)).messages().size());
        assertEquals(40, storage.messages().list(project, "q",
                new MessageListQuery(null, 100, true, "c", false, false)).items().size());
    }

    @Test
    void batchesBeyondLuasUnpackLimitWork() {
        storage.queues().create(project, "q", Map.of());
        List<NewMessage> batch = java.util.stream.IntStream.range(0, 9000)
                .mapToObj(n -> new NewMessage("{\"n\":" + n + "}", 60, 0, null)).toList();
        List<String> ids = storage.messages().post(project, "q", batch, "c");
        assertEquals(9000, storage.messages().bulkGet(project, "q", ids).size());
        Claim claim = storage.claims().create(project, "q", new ClaimRequest(30, 0, 8500));
        assertEquals(8500, claim.messages().size());
        assertEquals(8500, storage.claims().get(project, "q", claim.id()).messages().size());
        storage.claims().update(project, "q", claim.id(), 40, 0);
        storage.messages().bulkDelete(project, "q", ids.subList(0, 8200), List.of(claim.id()));
        assertEquals(800, storage.queues().stats(project, "q").total());
        storage.claims().delete(project, "q", claim.id());
        clock.advanceSeconds(61);
        storage.collectGarbage();
        assertEquals(0, storage.queues().stats(project, "q").total());
    }

    @Test
    void onePassSweepsAQueueWithManyTimesTheBoundOfExpiredMessagesAndClaims() {
        java.util.concurrent.atomic.AtomicLong expired = new java.util.concurrent.atomic.AtomicLong();
        try (MessageStorage counted = RedisTestServer.shared().open(clock, new org.zaqar.core.storage.MessageEvents() {
            @Override
            public void expired(long count) {
                expired.addAndGet(count);
            }
        })) {
            counted.queues().create(project, "q", Map.of());
            int many = RedisMessageStorage.SWEEP_BOUND * 3 + 7;
            List<NewMessage> batch = java.util.stream.IntStream.range(0, many)
                    .mapToObj(n -> new NewMessage("{}", 60, 0, null)).toList();
            counted.messages().post(project, "q", batch, "c");
            for (int i = 0; i < many; i++) {
                counted.claims().create(project, "q", new ClaimRequest(30, 0, 1));
            }
            clock.advanceSeconds(61);
            counted.collectGarbage();
            try (Jedis jedis = jedis()) {
                String base = RedisKeys.queue(project, "q");
                assertEquals(0, jedis.hlen(base + ":msg"), "every expired message is gone after one pass");
                assertEquals(0, jedis.zcard(base + ":claims"), "every expired claim is gone after one pass");
            }
            assertEquals(many, expired.get(), "each expired message is reported once");
        }
    }

    @Test
    void deletingOrPurgingAQueueLeavesItsClaimKeysToExpireAndForgetsTheClaims() {
        storage.queues().create(project, "q", Map.of());
        storage.messages().post(project, "q", List.of(new NewMessage("{}", 600, 0, null)), "c");
        Claim purged = storage.claims().create(project, "q", new ClaimRequest(120, 0, 10));
        storage.messages().purge(project, "q");
        storage.messages().post(project, "q", List.of(new NewMessage("{}", 600, 0, null)), "c");
        Claim deleted = storage.claims().create(project, "q", new ClaimRequest(120, 0, 10));
        storage.queues().delete(project, "q");
        String base = RedisKeys.queue(project, "q");
        try (Jedis jedis = jedis()) {
            assertFalse(jedis.exists(base + ":claims"), "the claims set went with the queue");
            for (Claim claim : List.of(purged, deleted)) {
                long ttl = jedis.pttl(base + ":c:" + claim.id());
                assertTrue(ttl > 120_000 && ttl <= 180_000, "the claim's key expires a minute after it: " + ttl);
            }
        }
        storage.queues().create(project, "q", Map.of());
        for (Claim claim : List.of(purged, deleted)) {
            ZaqarException gone = assertThrows(ZaqarException.class,
                    () -> storage.claims().get(project, "q", claim.id()));
            assertEquals(ErrorCode.CLAIM_DOES_NOT_EXIST, gone.code());
        }
    }

    private static Jedis jedis() {
        return new Jedis("127.0.0.1", RedisTestServer.shared().port());
    }

    private String subscriptionsKey(String source) {
        return RedisKeys.PREFIX + "subs:{" + project + "/" + source + "}";
    }

    @Test
    void expiredSubscriptionsAreGarbageCollectedAndTheirKeysLeaveTheIndex() {
        storage.subscriptions().create(project, "q", "http://a.example.com", 60, Map.of());
        storage.subscriptions().create(project, "q", "http://b.example.com", 120, Map.of());
        String key = subscriptionsKey("q");
        try (Jedis jedis = jedis()) {
            assertEquals(2, jedis.hlen(key));
            long ttl = jedis.pttl(key);
            assertTrue(ttl > 60_000 && ttl <= 120_000, "the keys live until the last expiry: " + ttl);
            assertTrue(jedis.sismember(RedisSubscriptionStore.SOURCES, key));

            clock.advanceSeconds(61);
            storage.collectGarbage();
            assertEquals(1, jedis.hlen(key), "the expired one is gone");
            assertEquals(1, jedis.hlen(key + ":by"));
            assertEquals(1, jedis.zcard(key + ":exp"));

            clock.advanceSeconds(60);
            storage.collectGarbage();
            assertEquals(0, jedis.exists(key, key + ":by", key + ":exp"));
            assertTrue(!jedis.sismember(RedisSubscriptionStore.SOURCES, key), "the source left the index");
        }
    }

    @Test
    void aWriteRemovesExpiredSubscriptionsOfItsSource() {
        for (int i = 0; i < 5; i++) {
            storage.subscriptions().create(project, "q", "http://old" + i + ".example.com", 60, Map.of());
        }
        clock.advanceSeconds(61);
        String id = storage.subscriptions().create(project, "q", "http://new.example.com", 600, Map.of());
        try (Jedis jedis = jedis()) {
            assertEquals(List.of(id), List.copyOf(jedis.hkeys(subscriptionsKey("q"))));
            assertEquals(1, jedis.hlen(subscriptionsKey("q") + ":by"));
            assertTrue(jedis.pttl(subscriptionsKey("q")) > 540_000, "the keys' TTL follows the live one");
        }
    }
}
