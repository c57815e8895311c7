package org.zaqar.core.contract;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.zaqar.core.error.ErrorCode;
import org.zaqar.core.model.Claim;
import org.zaqar.core.model.ClaimRequest;
import org.zaqar.core.model.Message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Claims: create, get, renew, release, expiry, grace and claim counts. */
public abstract class ClaimContractTests extends StorageContractSupport {

    @Test
    void createClaimsTheOldestUpToTheLimit() {
        createQueue("q");
        List<String> posted = postNumbered("q", 5);
        Claim claim = claims().create(project, "q", new ClaimRequest(60, 30, 3));
        assertNotNull(claim.id());
        assertEquals(60, claim.ttl());
        assertEquals(clock.instant(), claim.updatedAt());
        assertEquals(posted.subList(0, 3), ids(claim.messages()));
        for (Message message : claim.messages()) {
            assertEquals(claim.id(), message.claimId());
            assertEquals(1, message.claimCount());
        }
        Claim next = claims().create(project, "q", new ClaimRequest(60, 30, 3));
        assertNotEquals(claim.id(), next.id());
        assertEquals(posted.subList(3, 5), ids(next.messages()));
    }

    @Test
    void nothingToClaimGivesAnEmptyClaimWithoutId() {
        createQueue("q");
        Claim empty = claims().create(project, "q", new ClaimRequest(60, 30, 10));
        assertNull(empty.id());
        assertTrue(empty.messages().isEmpty());
        Claim missing = claims().create(project, "no-such-queue", new ClaimRequest(60, 30, 10));
        assertNull(missing.id());
        assertTrue(missing.messages().isEmpty());
    }

    @Test
    void delayedMessagesCannotBeClaimedUntilTheDelayPasses() {
        createQueue("q");
        String delayed = messages().post(project, "q", List.of(delayedMessage("{}", 300, 20)), "c").getFirst();
        assertTrue(claims().create(project, "q", new ClaimRequest(60, 30, 10)).messages().isEmpty());
        clock.advanceSeconds(20);
        assertEquals(List.of(delayed), ids(claims().create(project, "q", new ClaimRequest(60, 30, 10)).messages()));
    }

    @Test
    void getReturnsTheClaimWithItsMessagesAndAge() {
        createQueue("q");
        List<String> posted = postNumbered("q", 2);
        Claim created = claims().create(project, "q", new ClaimRequest(90, 30, 10));
        clock.advanceSeconds(15);
        Claim found = claims().get(project, "q", created.id());
        assertEquals(created.id(), found.id());
        assertEquals(90, found.ttl());
        assertEquals(15, found.ageSeconds(clock.instant()));
        assertEquals(posted, ids(found.messages()));
    }

    @Test
    void getLeavesOutMessagesDeletedMeanwhile() {
        createQueue("q");
        List<String> posted = postNumbered("q", 2);
        Claim claim = claims().create(project, "q", new ClaimRequest(90, 30, 10));
        messages().delete(project, "q", posted.getFirst(), claim.id());
        assertEquals(posted.subList(1, 2), ids(claims().get(project, "q", claim.id()).messages()));
    }

    @Test
    void getOfMissingClaimFails() {
        createQueue("q");
        assertError(ErrorCode.CLAIM_DOES_NOT_EXIST, () -> claims().get(project, "q", "0123456789abcdef01234567"));
        assertError(ErrorCode.CLAIM_DOES_NOT_EXIST, () -> claims().get(project, "q", "garbage"));
        assertError(ErrorCode.CLAIM_DOES_NOT_EXIST, () -> claims().get(project, "missing-queue", "garbage"));
    }

    @Test
    void claimsOfADeletedQueueAreGoneWhenAQueueOfTheSameNameIsCreated() {
        createQueue("q");
        postNumbered("q", 2);
        Claim claim = claims().create(project, "q", new ClaimRequest(60, 30, 10));
        queues().delete(project, "q");
        createQueue("q");
        postNumbered("q", 1);
        assertError(ErrorCode.CLAIM_DOES_NOT_EXIST, () -> claims().get(project, "q", claim.id()));
        assertError(ErrorCode.CLAIM_DOES_NOT_EXIST, () -> claims().update(project, "q", claim.id(), 60, 30));
        claims().delete(project, "q", claim.id());
        assertEquals(1, claims().create(project, "q", new ClaimRequest(60, 30, 10)).messages().size(),
                "the new queue's message was never held by the old claim");
    }

    @Test
    void expiredClaimIsGoneAndItsMessagesAreFreeAgain() {
        createQueue("q");
        List<String> posted = postNumbered("q", 2);
        Claim claim = claims().create(project, "q", new ClaimRequest(60, 30, 10));
        clock.advanceSeconds(59);
        assertEquals(claim.id(), claims().get(project, "q", claim.id()).id());
        assertTrue(claims().create(project, "q", new ClaimRequest(60, 30, 10)).messages().isEmpty());
        clock.advanceSeconds(1);
        assertError(ErrorCode.CLAIM_DOES_NOT_EXIST, () -> claims().get(project, "q", claim.id()));
        assertNull(messages().get(project, "q", posted.getFirst()).claimId());
        assertEquals(posted, ids(messages().list(project, "q", defaultListing(10)).items()));
        Claim again = claims().create(project, "q", new ClaimRequest(60, 30, 10));
        assertEquals(posted, ids(again.messages()));
        again.messages().forEach(message -> assertEquals(2, message.claimCount()));
    }

    @Test
    void updateRenewsTheClaimFromNow() {
        createQueue("q");
        postNumbered("q", 1);
        Claim claim = claims().create(project, "q", new ClaimRequest(60, 30, 10));
        clock.advanceSeconds(50);
        claims().update(project, "q", claim.id(), 100, 30);
        Claim renewed = claims().get(project, "q", claim.id());
        assertEquals(100, renewed.ttl());
        assertEquals(clock.instant(), renewed.updatedAt());
        clock.advanceSeconds(99);
        assertEquals(1, claims().get(project, "q", claim.id()).messages().size());
        assertTrue(claims().create(project, "q", new ClaimRequest(60, 30, 10)).messages().isEmpty());
        clock.advanceSeconds(1);
        assertError(ErrorCode.CLAIM_DOES_NOT_EXIST, () -> claims().get(project, "q", claim.id()));
    }

    @Test
    void updateExtendsMessageLifeByTheGrace() {
        createQueue("q");
        String id = messages().post(project, "q", List.of(message("{}", 60)), "c").getFirst();
        Claim claim = claims().create(project, "q", new ClaimRequest(30, 0, 1));
        clock.advanceSeconds(20);
        claims().update(project, "q", claim.id(), 100, 50);
        clock.advanceSeconds(149);
        assertEquals(id, messages().get(project, "q", id).id(), "lives until renewed expiry + grace");
        clock.advanceSeconds(1);
        assertError(ErrorCode.MESSAGE_DOES_NOT_EXIST, () -> messages().get(project, "q", id));
    }

    @Test
    void updateOfMissingOrExpiredClaimFails() {
        createQueue("q");
        postNumbered("q", 1);
        assertError(ErrorCode.CLAIM_DOES_NOT_EXIST, () -> claims().update(project, "q", "garbage", 60, 30));
        Claim claim = claims().create(project, "q", new ClaimRequest(60, 30, 10));
        clock.advanceSeconds(60);
        assertError(ErrorCode.CLAIM_DOES_NOT_EXIST, () -> claims().update(project, "q", claim.id(), 60, 30));
    }

    @Test
    void deleteReleasesTheMessages() {
        createQueue("q");
        List<String> posted = postNumbered("q", 2);
        Claim claim = claims().create(project, "q", new ClaimRequest(60, 30, 10));
        claims().delete(project, "q", claim.id());
        assertError(ErrorCode.CLAIM_DOES_NOT_EXIST, () -> claims().get(project, "q", claim.id()));
        assertNull(messages().get(project, "q", posted.getFirst()).claimId());
        messages().delete(project, "q", posted.getFirst(), null);
        assertEquals(posted.subList(1, 2), ids(claims().create(project, "q", new ClaimRequest(60, 30, 10)).messages()));
        claims().delete(project, "q", claim.id());
        claims().delete(project, "q", "garbage");
    }

    @Test
    void graceKeepsClaimedMessagesAliveUntilClaimExpiryPlusGrace() {
        createQueue("q");
        String id = messages().post(project, "q", List.of(message("{}", 60)), "c").getFirst();
        claims().create(project, "q", new ClaimRequest(100, 60, 1));
        clock.advanceSeconds(159);
        Message message = messages().get(project, "q", id);
        assertNull(message.claimId(), "the claim expired at 100 s");
        assertTrue(message.ttl() >= 160, "ttl counts from creation and covers claim + grace, was " + message.ttl());
        clock.advanceSeconds(1);
        assertError(ErrorCode.MESSAGE_DOES_NOT_EXIST, () -> messages().get(project, "q", id));
    }

    @Test
    void claimNeverShortensAMessagesLife() {
        createQueue("q");
        String id = messages().post(project, "q", List.of(message("{}", 600)), "c").getFirst();
        claims().create(project, "q", new ClaimRequest(60, 0, 1));
        clock.advanceSeconds(599);
        assertEquals(600, messages().get(project, "q", id).ttl());
    }

    @Test
    void claimCountIncrementsWithEveryClaim() {
        createQueue("q");
        String id = postNumbered("q", 1).getFirst();
        for (int round = 1; round <= 3; round++) {
            Claim claim = claims().create(project, "q", new ClaimRequest(60, 0, 1));
            assertEquals(round, claim.messages().getFirst().claimCount());
            claims().delete(project, "q", claim.id());
        }
        assertEquals(3, messages().get(project, "q", id).claimCount());
    }

    @Test
    void collectGarbageKeepsLiveClaims() {
        createQueue("q");
        postNumbered("q", 2);
        Claim old = claims().create(project, "q", new ClaimRequest(60, 0, 1));
        clock.advanceSeconds(30);
        Claim live = claims().create(project, "q", new ClaimRequest(60, 0, 1));
        clock.advanceSeconds(40);
        storage.collectGarbage();
        assertError(ErrorCode.CLAIM_DOES_NOT_EXIST, () -> claims().get(project, "q", old.id()));
        assertEquals(1, claims().get(project, "q", live.id()).messages().size());
    }
}
