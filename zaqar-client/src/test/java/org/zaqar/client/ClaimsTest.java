package org.zaqar.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Claims through the client, against the real server. */
class ClaimsTest {
    private static TestServer server;
    private static ZaqarClient zaqar;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("");
        zaqar = server.client("claims-test");
    }

    @AfterAll
    static void stop() {
        zaqar.close();
        server.close();
    }

    @Test
    void aClaimHoldsItsMessagesUntilTheyAreDeletedOrItIsReleased() {
        String queue = "work";
        List<String> ids = zaqar.messages().post(queue, List.of(NewMessage.of("a"), NewMessage.of("b"),
                NewMessage.of("c")));
        assertTrue(zaqar.claims().create("empty-queue", 60, 60, null).isEmpty(), "nothing to claim");

        Claim claim = zaqar.claims().create(queue, 120, 60, 2).orElseThrow();
        assertEquals(120, claim.ttl());
        assertEquals(List.of(ids.get(0), ids.get(1)), claim.messages().stream().map(Message::id).toList());
        assertTrue(claim.messages().stream().allMatch(m -> claim.id().equals(m.claimId())), claim.toString());

        Claim read = zaqar.claims().get(queue, claim.id());
        assertEquals(claim.id(), read.id());
        assertEquals(120, read.ttl());
        assertEquals(2, read.messages().size());

        zaqar.claims().renew(queue, claim.id(), 300, 60);
        assertEquals(300, zaqar.claims().get(queue, claim.id()).ttl());

        ZaqarException notYours = assertThrows(ZaqarException.class,
                () -> zaqar.messages().delete(queue, ids.get(0)));
        assertEquals(403, notYours.status());
        zaqar.messages().delete(queue, ids.get(0), claim.id());
        assertEquals(new QueueStats(1, 1, 2), zaqar.queues().stats(queue));

        zaqar.claims().release(queue, claim.id());
        assertEquals(404, assertThrows(ZaqarException.class, () -> zaqar.claims().get(queue, claim.id())).status());
        assertEquals(List.of(ids.get(1), ids.get(2)), zaqar.claims().create(queue, 60, 60, null).orElseThrow()
                .messages().stream().map(Message::id).toList(), "released messages are claimable again");
    }
}
