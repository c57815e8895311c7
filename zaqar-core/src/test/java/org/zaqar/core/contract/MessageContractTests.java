package org.zaqar.core.contract;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.zaqar.core.error.ErrorCode;
import org.zaqar.core.model.Claim;
import org.zaqar.core.model.ClaimRequest;
import org.zaqar.core.model.Message;
import org.zaqar.core.model.MessageListQuery;
import org.zaqar.core.model.NewMessage;
import org.zaqar.core.model.Page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Messages: post, list, get, delete, pop, purge, TTL and delay. */
public abstract class MessageContractTests extends StorageContractSupport {

    @Test
    void postReturnsDistinctIdsInOrderAndGetReturnsWhatWasPosted() {
        createQueue("q");
        String body = "{\"event\": \"BackupStarted\", \"nested\": [1, 2.50, {\"k\": null}]}";
        List<String> ids = messages().post(project, "q",
                List.of(new NewMessage(body, 300, 0, "MD5:abc"), message("[1,2]", 120), message("\"text\"", 60)), "c");
        assertEquals(3, new HashSet<>(ids).size());

        Message first = messages().get(project, "q", ids.getFirst());
        assertEquals(ids.getFirst(), first.id());
        assertEquals(body, first.body(), "the body is stored verbatim");
        assertEquals(300, first.ttl());
        assertEquals(clock.instant(), first.createdAt());
        assertEquals("MD5:abc", first.checksum());
        assertNull(first.claimId());
        assertEquals(0, first.claimCount());
        assertNull(messages().get(project, "q", ids.get(1)).checksum());
        assertEquals(ids, ids(messages().list(project, "q", defaultListing(10)).items()));
    }

    @Test
    void postToMissingQueueFails() {
        assertError(ErrorCode.QUEUE_DOES_NOT_EXIST,
                () -> messages().post(project, "nope", List.of(message("{}", 60)), "c"));
    }

    @Test
    void getMissingMessageFails() {
        createQueue("q");
        String id = postNumbered("q", 1).getFirst();
        assertError(ErrorCode.MESSAGE_DOES_NOT_EXIST, () -> messages().get(project, "q", "0123456789abcdef01234567"));
        assertError(ErrorCode.MESSAGE_DOES_NOT_EXIST, () -> messages().get(project, "q", "not an id"));
        assertError(ErrorCode.MESSAGE_DOES_NOT_EXIST, () -> messages().get(project, "other", id));
    }

    @Test
    void listPagesWithMarkerNeverSkippingOrRepeating() {
        createQueue("q");
        List<String> posted = new ArrayList<>(postNumbered("q", 7));
        List<String> seen = new ArrayList<>();
        String marker = null;
        for (int round = 0; round < 10; round++) {
            Page<Message> page = messages().list(project, "q",
                    new MessageListQuery(marker, 3, true, "client-a", false, false));
            if (page.items().isEmpty()) {
                assertNull(page.nextMarker());
                break;
            }
            seen.addAll(ids(page.items()));
            marker = page.nextMarker();
            if (round < 2) {
                // Posting while paging must not disturb the walk: new messages come after.
                posted.addAll(postNumbered("q", 1));
            }
        }
        assertEquals(posted, seen);
    }

    @Test
    void markerSurvivesDeletionOfTheMarkedMessage() {
        createQueue("q");
        List<String> posted = postNumbered("q", 4);
        Page<Message> page = messages().list(project, "q", defaultListing(2));
        messages().delete(project, "q", posted.get(1), null);
        Page<Message> next = messages().list(project, "q",
                new MessageListQuery(page.nextMarker(), 10, true, "client-a", false, false));
        assertEquals(posted.subList(2, 4), ids(next.items()));
    }

    @Test
    void messageVolumeCountsEveryProjectsLiveMessagesWhenTheStoreCanCount() {
        createQueue("q");
        postNumbered("q", 3);
        claims().create(project, "q", new ClaimRequest(60, 60, 1));
        var volume = storage.messageVolume();
        if (volume != null) {
            assertTrue(volume.total() >= 3 && volume.claimed() >= 1, volume.toString());
            assertEquals(volume.total(), volume.free() + volume.claimed());
        }
    }

    @Test
    void aMarkerTheStoreNeverHandedOutListsNothing() {
        createQueue("q");
        postNumbered("q", 2);
        Page<Message> page = messages().list(project, "q",
                new MessageListQuery("sfhlsfdjh2048", 10, true, "client-a", false, false));
        assertEquals(List.of(), page.items());
    }

    @Test
    void listHidesOwnMessagesUnlessEcho() {
        createQueue("q");
        String mine = messages().post(project, "q", List.of(message("{}", 60)), "me").getFirst();
        String theirs = messages().post(project, "q", List.of(message("{}", 60)), "them").getFirst();
        assertEquals(List.of(theirs), ids(messages().list(project, "q",
                new MessageListQuery(null, 10, false, "me", false, false)).items()));
        assertEquals(List.of(mine, theirs), ids(messages().list(project, "q",
                new MessageListQuery(null, 10, true, "me", false, false)).items()));
    }

    @Test
    void listIncludesClaimedOnlyWhenAsked() {
        createQueue("q");
        List<String> posted = postNumbered("q", 3);
        Claim claim = claims().create(project, "q", new ClaimRequest(60, 60, 1));
        assertEquals(posted.subList(1, 3), ids(messages().list(project, "q", defaultListing(10)).items()));
        List<Message> all = messages().list(project, "q",
                new MessageListQuery(null, 10, true, "client-a", true, false)).items();
        assertEquals(posted, ids(all));
        assertEquals(claim.id(), all.getFirst().claimId());
        assertNull(all.get(1).claimId());
    }

    @Test
    void delayedMessagesAreHiddenFromDefaultListingUntilTheDelayPasses() {
        createQueue("q");
        String now = messages().post(project, "q", List.of(message("{}", 300)), "c").getFirst();
        String later = messages().post(project, "q", List.of(delayedMessage("{}", 300, 30)), "c").getFirst();
        assertEquals(List.of(now), ids(messages().list(project, "q", defaultListing(10)).items()));
        assertEquals(List.of(now, later), ids(messages().list(project, "q",
                new MessageListQuery(null, 10, true, "c", false, true)).items()));
        assertEquals(later, messages().get(project, "q", later).id(), "get by id sees delayed messages");
        clock.advanceSeconds(30);
        assertEquals(List.of(now, later), ids(messages().list(project, "q", defaultListing(10)).items()));
    }

    @Test
    void expiredMessagesAreNeverReturned() {
        createQueue("q");
        String shortLived = messages().post(project, "q", List.of(message("{}", 60)), "c").getFirst();
        String longLived = messages().post(project, "q", List.of(message("{}", 120)), "c").getFirst();
        clock.advanceSeconds(59);
        assertEquals(shortLived, messages().get(project, "q", shortLived).id());
        clock.advanceSeconds(1);
        assertError(ErrorCode.MESSAGE_DOES_NOT_EXIST, () -> messages().get(project, "q", shortLived));
        assertEquals(List.of(longLived), ids(messages().list(project, "q", defaultListing(10)).items()));
        assertEquals(List.of(longLived), ids(messages().bulkGet(project, "q", List.of(shortLived, longLived))));
        assertEquals(1, queues().stats(project, "q").total());
    }

    @Test
    void ageAndCreationTimeFollowTheClock() {
        createQueue("q");
        Instant posted = clock.instant();
        String id = postNumbered("q", 1).getFirst();
        clock.advanceSeconds(42);
        Message message = messages().get(project, "q", id);
        assertEquals(posted, message.createdAt());
        assertEquals(42, message.ageSeconds(clock.instant()));
    }

    @Test
    void bulkGetReturnsOnlyKnownLiveMessages() {
        createQueue("q");
        List<String> posted = postNumbered("q", 3);
        List<Message> found = messages().bulkGet(project, "q", List.of(posted.get(2), "unknown", posted.get(0)));
        assertEquals(Set.of(posted.get(0), posted.get(2)), Set.copyOf(ids(found)));
        assertTrue(messages().bulkGet(project, "missing-queue", posted).isEmpty());
        assertTrue(messages().bulkGet(project, "q", List.of()).isEmpty());
    }

    @Test
    void deleteUnclaimedMessage() {
        createQueue("q");
        String id = postNumbered("q", 1).getFirst();
        messages().delete(project, "q", id, null);
        assertError(ErrorCode.MESSAGE_DOES_NOT_EXIST, () -> messages().get(project, "q", id));
        messages().delete(project, "q", id, null);
        messages().delete(project, "missing-queue", id, null);
    }

    @Test
    void deleteClaimedMessageNeedsItsClaim() {
        createQueue("q");
        List<String> posted = postNumbered("q", 2);
        Claim first = claims().create(project, "q", new ClaimRequest(60, 60, 1));
        Claim second = claims().create(project, "q", new ClaimRequest(60, 60, 1));
        assertEquals(posted.getFirst(), first.messages().getFirst().id());

        assertError(ErrorCode.MESSAGE_IS_CLAIMED, () -> messages().delete(project, "q", posted.getFirst(), null));
        assertError(ErrorCode.MESSAGE_NOT_CLAIMED_BY,
                () -> messages().delete(project, "q", posted.getFirst(), second.id()));
        messages().delete(project, "q", posted.getFirst(), first.id());
        assertError(ErrorCode.MESSAGE_DOES_NOT_EXIST, () -> messages().get(project, "q", posted.getFirst()));
    }

    @Test
    void deleteWithClaimIdOfUnclaimedMessageFails() {
        createQueue("q");
        String id = postNumbered("q", 1).getFirst();
        Claim claim = claims().create(project, "q", new ClaimRequest(60, 0, 1));
        String other = postNumbered("q", 1).getFirst();
        assertError(ErrorCode.MESSAGE_NOT_CLAIMED, () -> messages().delete(project, "q", other, claim.id()));
        clock.advanceSeconds(61);
        assertError(ErrorCode.MESSAGE_NOT_CLAIMED, () -> messages().delete(project, "q", id, claim.id()));
        messages().delete(project, "q", id, null);
    }

    @Test
    void bulkDeleteRemovesClaimedAndUnclaimed() {
        createQueue("q");
        List<String> posted = postNumbered("q", 4);
        claims().create(project, "q", new ClaimRequest(60, 60, 2));
        messages().bulkDelete(project, "q", List.of(posted.get(0), posted.get(2), "unknown"), null);
        assertEquals(List.of(posted.get(1), posted.get(3)), ids(listAll("q", 10, true)));
    }

    @Test
    void bulkDeleteWithClaimIdsSparesMessagesOfOtherClaims() {
        createQueue("q");
        List<String> posted = postNumbered("q", 3);
        Claim mine = claims().create(project, "q", new ClaimRequest(60, 60, 1));
        claims().create(project, "q", new ClaimRequest(60, 60, 1));
        messages().bulkDelete(project, "q", posted, List.of(mine.id()));
        assertEquals(List.of(posted.get(1)), ids(listAll("q", 10, true)));
    }

    @Test
    void popRemovesTheOldestVisibleUnclaimedMessages() {
        createQueue("q");
        List<String> posted = postNumbered("q", 3);
        messages().post(project, "q", List.of(delayedMessage("{}", 300, 60)), "c");
        claims().create(project, "q", new ClaimRequest(60, 60, 1));
        List<Message> popped = messages().pop(project, "q", 5);
        assertEquals(posted.subList(1, 3), ids(popped));
        assertEquals("{\"n\":1}", popped.getFirst().body());
        assertEquals(List.of(posted.getFirst()), ids(listAll("q", 10, true)));
        assertTrue(messages().pop(project, "q", 5).isEmpty());
        assertTrue(messages().pop(project, "missing-queue", 5).isEmpty());
    }

    @Test
    void popHonoursTheLimit() {
        createQueue("q");
        List<String> posted = postNumbered("q", 5);
        assertEquals(posted.subList(0, 2), ids(messages().pop(project, "q", 2)));
        assertEquals(posted.subList(2, 5), ids(listAll("q", 10, true)));
    }

    @Test
    void purgeDeletesEveryMessageAndClaimButKeepsTheQueue() {
        createQueue("q");
        postNumbered("q", 3);
        Claim claim = claims().create(project, "q", new ClaimRequest(60, 60, 2));
        messages().purge(project, "q");
        assertTrue(queues().exists(project, "q"));
        assertEquals(0, queues().stats(project, "q").total());
        assertError(ErrorCode.CLAIM_DOES_NOT_EXIST, () -> claims().get(project, "q", claim.id()));
        String fresh = postNumbered("q", 1).getFirst();
        assertNotEquals(claim.messages().getFirst().id(), fresh);
        assertEquals(List.of(fresh), ids(listAll("q", 10, true)));
    }

    @Test
    void collectGarbageKeepsLiveMessages() {
        createQueue("q");
        String shortLived = messages().post(project, "q", List.of(message("{}", 60)), "c").getFirst();
        String longLived = messages().post(project, "q", List.of(message("{}", 600)), "c").getFirst();
        clock.advanceSeconds(100);
        storage.collectGarbage();
        assertEquals(List.of(longLived), ids(listAll("q", 10, true)));
        assertError(ErrorCode.MESSAGE_DOES_NOT_EXIST, () -> messages().get(project, "q", shortLived));
    }
}
