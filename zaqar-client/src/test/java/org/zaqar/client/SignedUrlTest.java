package org.zaqar.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A queue shared with a pre-signed URL, used by a client that has nothing else. */
class SignedUrlTest {
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("""
                [signed_url]
                secret_key = client-test-key
                """);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aClientBuiltFromASignedUrlMayDoWhatTheUrlAllowsAndNothingElse() {
        Instant expires = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        SignedUrl url;
        try (ZaqarClient owner = server.client("owner-project")) {
            owner.queues().create("shared");
            url = owner.queues().share("shared", List.of("messages"), List.of("GET", "POST"), expires);
        }
        assertEquals(List.of("/v2/queues/shared/messages"), url.paths());
        assertEquals(List.of("GET", "POST"), url.methods());
        assertEquals("owner-project", url.project());
        assertEquals(expires.toString().replace("Z", ""), url.expires());

        try (ZaqarClient guest = ZaqarClient.builder(server.endpoint()).authentication(Authentication.signedUrl(url))
                .build()) {
            List<String> ids = guest.messages().post("shared", List.of(NewMessage.of("hello")));
            assertEquals(ids, guest.messages().list("shared", MessageQuery.defaults().withEcho(true)).items().stream()
                    .map(Message::id).toList());
            ZaqarException refused = assertThrows(ZaqarException.class,
                    () -> guest.messages().delete("shared", ids.get(0)));
            assertEquals(404, refused.status(), "DELETE is not signed");
            assertEquals(404, assertThrows(ZaqarException.class, () -> guest.queues().stats("shared")).status(),
                    "the stats path is not signed");
        }
        try (ZaqarClient owner = server.client("owner-project")) {
            assertEquals(1, owner.queues().stats("shared").total(), "the message went to the owner's project");
        }
    }
}
