package org.zaqar.core.contract;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zaqar.core.error.ErrorCode;
import org.zaqar.core.model.Claim;
import org.zaqar.core.model.ClaimRequest;
import org.zaqar.core.model.QueueInfo;
import org.zaqar.core.model.QueueListQuery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two projects with a queue of the same name never see or change each other's data. */
public abstract class ProjectIsolationContractTests extends StorageContractSupport {
    private List<String> mine;
    private List<String> theirs;

    @BeforeEach
    void twoProjectsWithTheSameQueue() {
        queues().create(project, "shared", Map.of("owner", "mine"));
        queues().create(otherProject, "shared", Map.of("owner", "theirs"));
        mine = postNumbered("shared", 2);
        theirs = messages().post(otherProject, "shared", List.of(message("{\"theirs\":1}", 300)), "c");
    }

    @Test
    void queuesAreSeparate() {
        assertEquals(Map.of("owner", "theirs"), queues().getMetadata(otherProject, "shared"));
        queues().create(otherProject, "only-theirs", Map.of());
        assertFalse(queues().exists(project, "only-theirs"));
        assertEquals(1, queues().count(project));
        assertEquals(List.of(new QueueInfo("shared", Map.of("owner", "mine"))),
                queues().list(project, new QueueListQuery(null, 10, true, null, Map.of())).items());
        queues().setMetadata(otherProject, "shared", Map.of());
        assertEquals(Map.of("owner", "mine"), queues().getMetadata(project, "shared"));
        queues().delete(otherProject, "shared");
        assertTrue(queues().exists(project, "shared"));
        assertEquals(2, queues().stats(project, "shared").total());
    }

    @Test
    void messagesAreSeparate() {
        assertEquals(mine, ids(listAll("shared", 10, true)));
        assertEquals(2, queues().stats(project, "shared").total());
        assertEquals(1, queues().stats(otherProject, "shared").total());
        assertError(ErrorCode.MESSAGE_DOES_NOT_EXIST, () -> messages().get(project, "shared", theirs.getFirst()));
        assertTrue(messages().bulkGet(project, "shared", theirs).isEmpty());
        messages().delete(project, "shared", theirs.getFirst(), null);
        messages().bulkDelete(project, "shared", theirs, null);
        messages().purge(project, "shared");
        assertEquals(theirs.getFirst(), messages().get(otherProject, "shared", theirs.getFirst()).id());
        assertEquals(theirs, ids(messages().pop(otherProject, "shared", 10)));
    }

    @Test
    void claimsAreSeparate() {
        Claim claim = claims().create(project, "shared", new ClaimRequest(60, 0, 10));
        assertEquals(mine, ids(claim.messages()));
        assertError(ErrorCode.CLAIM_DOES_NOT_EXIST, () -> claims().get(otherProject, "shared", claim.id()));
        assertError(ErrorCode.CLAIM_DOES_NOT_EXIST,
                () -> claims().update(otherProject, "shared", claim.id(), 60, 0));
        claims().delete(otherProject, "shared", claim.id());
        assertEquals(2, claims().get(project, "shared", claim.id()).messages().size());
        assertNull(messages().get(otherProject, "shared", theirs.getFirst()).claimId());
        assertEquals(theirs, ids(claims().create(otherProject, "shared", new ClaimRequest(60, 0, 10)).messages()));
    }
}
