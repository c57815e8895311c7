package org.zaqar.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.zaqar.api.KeystoneServer;

/**
 * Keystone v3 password and token authentication against a real Keystone, whose tokens live
 * {@link #TOKEN_LIFETIME}, and a Zaqar that validates every token with it (no token cache).
 * Skipped when keystone is not installed, unless ZAQAR_TEST_REQUIRE_KEYSTONE=1.
 */
class KeystoneAuthenticationTest {
    private static final Duration TOKEN_LIFETIME = Duration.ofSeconds(8);
    private static final String SERVICE_PASSWORD = "zaqar-service-secret";

    private static KeystoneServer keystone;
    private static TestServer server;
    private static String member;

    @BeforeAll
    static void startKeystoneAndZaqar() throws Exception {
        if (!KeystoneServer.isInstalled()) {
            assertTrue(!KeystoneServer.isRequired(), "ZAQAR_TEST_REQUIRE_KEYSTONE=1 but keystone is not installed");
            Assumptions.abort("keystone is not installed (apt-get install keystone)");
        }
        Path dir = Files.createTempDirectory("zaqar-client-keystone");
        keystone = KeystoneServer.start(dir.resolve("keystone"), TOKEN_LIFETIME);
        String service = keystone.createProject("service");
        keystone.grant(service, keystone.createUser("zaqar", SERVICE_PASSWORD), "admin");
        String project = keystone.createProject("project-a");
        member = keystone.createUser("member-a", "pw-a");
        keystone.grant(project, member, "member");
        server = TestServer.start("""
                [DEFAULT]
                auth_strategy = keystone
                [keystone_authtoken]
                auth_url = %s/v3
                username = zaqar
                password = %s
                project_name = service
                token_cache_time = 0
                """.formatted(keystone.url(), SERVICE_PASSWORD));
    }

    @AfterAll
    static void stopAll() {
        if (server != null) {
            server.close();
        }
        if (keystone != null) {
            keystone.close();
        }
    }

    private static ZaqarClient client(Authentication authentication) {
        return ZaqarClient.builder(server.endpoint()).authentication(authentication).build();
    }

    private static Authentication password() {
        return Authentication.keystonePassword(URI.create(keystone.url()), "member-a", "pw-a", "project-a");
    }

    @Test
    void passwordAndTokenAuthenticationReachTheSameProject() {
        try (ZaqarClient byPassword = client(password())) {
            byPassword.queues().create("shared-by-auth");
        }
        String token = keystone.token("member-a", "pw-a", "project-a");
        try (ZaqarClient byToken = client(Authentication.keystoneToken(URI.create(keystone.url() + "/v3"), token,
                "project-a"))) {
            assertEquals(List.of("shared-by-auth"), byToken.queues().list().items().stream()
                    .map(QueueSummary::name).toList());
        }
    }

    /** The token the client sends next. */
    private static String tokenOf(Authentication authentication) {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return authentication.headers(http, Duration.ofSeconds(10)).get("X-Auth-Token");
        }
    }

    @Test
    void aRevokedTokenIsReplacedAndTheRequestSentAgain() throws Exception {
        Authentication authentication = password();
        try (ZaqarClient zaqar = client(authentication)) {
            zaqar.messages().post("revoked", List.of(NewMessage.of("before")));
            String revoked = tokenOf(authentication);
            // Keystone revokes every token of a user whose password is set (revocation is per second).
            Thread.sleep(1_100);
            keystone.setPassword(member, "pw-a");
            Thread.sleep(1_100);
            assertNull(keystone.validate(revoked));
            zaqar.messages().post("revoked", List.of(NewMessage.of("after")));
            assertEquals(2, zaqar.queues().stats("revoked").total());
            assertNotEquals(revoked, tokenOf(authentication));
        }
    }

    @Test
    void anExpiringTokenIsRenewedBeforeItRunsOut() throws Exception {
        Authentication authentication = password();
        try (ZaqarClient zaqar = client(authentication)) {
            zaqar.queues().create("expiring");
            String first = tokenOf(authentication);
            Thread.sleep(TOKEN_LIFETIME.plusSeconds(1).toMillis());
            assertEquals(0, zaqar.queues().stats("expiring").total());
            assertNotEquals(first, tokenOf(authentication));
        }
    }

    @Test
    void aWrongPasswordFailsWithKeystonesAnswer() {
        try (ZaqarClient zaqar = client(Authentication.keystonePassword(URI.create(keystone.url()), "member-a",
                "wrong", "project-a"))) {
            ZaqarException e = assertThrows(ZaqarException.class, () -> zaqar.queues().list());
            assertEquals(401, e.status());
            assertTrue(e.getMessage().startsWith("POST " + keystone.url() + "/v3/auth/tokens: 401"), e.getMessage());
        }
    }
}
