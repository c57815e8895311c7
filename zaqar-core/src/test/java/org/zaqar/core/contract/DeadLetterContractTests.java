package org.zaqar.core.contract;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.zaqar.core.error.ErrorCode;
import org.zaqar.core.model.Claim;
import org.zaqar.core.model.ClaimRequest;
import org.zaqar.core.model.Message;
import org.zaqar.core.model.MessageListQuery;
import org.zaqar.core.model.ReservedMetadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Dead-lettering: {@code _max_claim_count} with {@code _dead_letter_queue} on the source queue. */
public abstract class DeadLetterContractTests extends StorageContractSupport {

    private void createQueueWithDeadLetters(int maxClaimCount, Integer deadLetterTtl) {
        Map<String, Object> metadata = new HashMap<>();
        metadata.put(ReservedMetadata.MAX_CLAIM_COUNT, maxClaimCount);
        metadata.put(ReservedMetadata.DEAD_LETTER_QUEUE, "dlq");
        if (deadLetterTtl != null) {
            metadata.put(ReservedMetadata.DEAD_LETTER_QUEUE_MESSAGES_TTL, deadLetterTtl);
        }
        queues().create(project, "q", metadata);
        createQueue("dlq");
    }

    /** Claims the queue's only message once and releases it again. */
    private void claimAndRelease() {
        Claim claim = claims().create(project, "q", new ClaimRequest(60, 0, 10));
        assertEquals(1, claim.messages().size(), "the message is still claimable");
        claims().delete(project, "q", claim.id());
    }

    @Test
    void messageClaimedMaxTimesMovesToTheDeadLetterQueueOnTheNextClaim() {
        createQueueWithDeadLetters(2, null);
        String body = "{\"job\": 7}";
        String id = messages().post(project, "q", List.of(message(body, 3600)), "c").getFirst();
        claimAndRelease();
        claimAndRelease();

        Claim third = claims().create(project, "q", new ClaimRequest(60, 0, 10));
        assertTrue(third.messages().isEmpty(), "a dead message is not claimed");
        assertNull(third.id());
        assertEquals(0, queues().stats(project, "q").total());

        List<Message> dead = messages().list(project, "dlq", defaultListing(10)).items();
        assertEquals(1, dead.size());
        assertEquals(body, dead.getFirst().body());
        assertNull(dead.getFirst().claimId(), "the dead letter is free to be claimed in its new queue");
        assertEquals(1, claims().create(project, "dlq", new ClaimRequest(60, 0, 10)).messages().size());
        assertError(ErrorCode.MESSAGE_DOES_NOT_EXIST, () -> messages().get(project, "q", id));
    }

    @Test
    void onlyMessagesOverTheLimitMove() {
        createQueueWithDeadLetters(1, null);
        String veteran = messages().post(project, "q", List.of(message("{\"v\":1}", 3600)), "c").getFirst();
        claimAndRelease();
        String rookie = messages().post(project, "q", List.of(message("{\"r\":1}", 3600)), "c").getFirst();

        Claim claim = claims().create(project, "q", new ClaimRequest(60, 0, 10));
        assertEquals(List.of(rookie), ids(claim.messages()));
        assertEquals(1, messages().list(project, "dlq", defaultListing(10)).items().size());
        assertError(ErrorCode.MESSAGE_DOES_NOT_EXIST, () -> messages().get(project, "q", veteran));
    }

    @Test
    void deadLetterTtlReplacesTheMessagesRemainingLife() {
        createQueueWithDeadLetters(1, 100);
        messages().post(project, "q", List.of(message("{}", 3600)), "c");
        claimAndRelease();
        clock.advanceSeconds(10);
        claims().create(project, "q", new ClaimRequest(60, 0, 10));

        clock.advanceSeconds(99);
        assertEquals(1, messages().list(project, "dlq", defaultListing(10)).items().size());
        clock.advanceSeconds(1);
        assertTrue(messages().list(project, "dlq", defaultListing(10)).items().isEmpty());
    }

    @Test
    void deadLetterMessagesKeepPagingOrderInTheirNewQueue() {
        createQueueWithDeadLetters(1, null);
        List<String> older = messages().post(project, "dlq", List.of(message("{\"old\":1}", 3600)), "c");
        messages().post(project, "q", List.of(message("{\"moved\":1}", 3600)), "c");
        var firstPage = messages().list(project, "dlq", defaultListing(1));
        assertEquals(older, ids(firstPage.items()));
        claimAndRelease();
        claims().create(project, "q", new ClaimRequest(60, 0, 10));

        var nextPage = messages().list(project, "dlq",
                new MessageListQuery(firstPage.nextMarker(), 10, true, "c", false, false));
        assertEquals(1, nextPage.items().size(), "a moved message is not hidden behind an existing marker");
        assertEquals("{\"moved\":1}", nextPage.items().getFirst().body());
    }

    @Test
    void aMissingDeadLetterQueueIsCreated() {
        queues().create(project, "q", Map.of(ReservedMetadata.MAX_CLAIM_COUNT, 1,
                ReservedMetadata.DEAD_LETTER_QUEUE, "graveyard"));
        messages().post(project, "q", List.of(message("{}", 3600)), "c");
        claimAndRelease();
        claims().create(project, "q", new ClaimRequest(60, 0, 10));
        assertTrue(queues().exists(project, "graveyard"));
        assertEquals(Map.of(), queues().getMetadata(project, "graveyard"));
        assertEquals(1, queues().stats(project, "graveyard").total());
    }

    @Test
    void withoutDeadLetterQueueMessagesAreClaimedForever() {
        queues().create(project, "q", Map.of(ReservedMetadata.MAX_CLAIM_COUNT, 1));
        messages().post(project, "q", List.of(message("{}", 3600)), "c");
        for (int round = 0; round < 3; round++) {
            claimAndRelease();
        }
    }
}
