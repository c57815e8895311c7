package org.zaqar.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.SplittableRandom;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.zaqar.core.config.ConfigSection;
import org.zaqar.core.config.TransportLimits;
import org.zaqar.core.config.ZaqarConfig;
import org.zaqar.core.pooling.PoolCatalog;
import org.zaqar.core.pooling.PooledMessageStorage;
import org.zaqar.core.storage.ManagementStorage;
import org.zaqar.core.storage.MessageStorage;
import org.zaqar.core.storage.StorageContext;
import org.zaqar.core.storage.StorageDriver;

/**
 * {@code auth_strategy = keystone} against a real Keystone: a member, an admin, a token of another
 * project, a revoked token, an expired token and a garbage token; client identity headers and
 * the signature and EXTRA-SPEC headers never replace a token.
 */
class KeystoneAuthTest {
    private static final String CLIENT_ID = "3381af92-2b9e-11e3-b191-71861300734c";
    private static final String SERVICE_PASSWORD = "zaqar-service-secret";
    private static final Duration TOKEN_LIFETIME = Duration.ofSeconds(20);

    private static Path dir;
    private static KeystoneServer keystone;
    private static MessageStorage storage;
    private static ManagementStorage management;
    private static ApiServer server;
    private static String projectA;
    private static String serviceUser;
    private static String projectB;

    @BeforeAll
    static void startKeystoneAndZaqar() throws Exception {
        if (!KeystoneServer.isInstalled()) {
            assertTrue(!KeystoneServer.isRequired(), "ZAQAR_TEST_REQUIRE_KEYSTONE=1 but keystone is not installed");
            Assumptions.abort("keystone is not installed (apt-get install keystone)");
        }
        dir = Files.createTempDirectory("zaqar-keystone-test");
        keystone = KeystoneServer.start(dir.resolve("keystone"), TOKEN_LIFETIME);
        String service = keystone.createProject("service");
        serviceUser = keystone.createUser("zaqar", SERVICE_PASSWORD);
        keystone.grant(service, serviceUser, "admin");
        projectA = keystone.createProject("project-a");
        projectB = keystone.createProject("project-b");
        keystone.grant(projectA, keystone.createUser("member-a", "pw-a"), "member");
        keystone.grant(projectB, keystone.createUser("member-b", "pw-b"), "member");
        keystone.grant(projectA, keystone.createUser("admin-a", "pw-admin"), "admin");

        storage = openSqlStorage("sqlite:///" + dir.resolve("zaqar.db"));
        management = sqlDriver().openManagementStore(new StorageContext(new ConfigSection(
                "drivers:management_store:sqlalchemy", Map.of("uri", "sqlite:///" + dir.resolve("management.db"))),
                ZaqarConfig.empty(), InstantSource.system()));
        server = startZaqar(keystone.url());
    }

    @AfterAll
    static void stopAll() {
        if (server != null) {
            server.stop();
        }
        if (storage != null) {
            storage.close();
        }
        if (management != null) {
            management.close();
        }
        if (keystone != null) {
            keystone.close();
        }
    }

    /** Zaqar in admin mode with pooling and every API version, so that every admin-only route is served. */
    private static ApiServer startZaqar(String authUrl) {
        KeystoneSettings settings = new KeystoneSettings("http://keystone.example.org:5000", authUrl + "/v3", "zaqar",
                SERVICE_PASSWORD, "service", "Default", "Default", Duration.ofSeconds(300), Duration.ofSeconds(10));
        SecuritySettings security = new SecuritySettings(settings, "signing-key", null, CorsSettings.disabled());
        PoolCatalog pools = new PoolCatalog(management, KeystoneAuthTest::openSqlStorage, storage, new SplittableRandom(7));
        ApiServer api = new ApiServer(new ApiSettings(TransportLimits.defaults(), false, true, "keystone",
                List.of("1", "1.1")),
                new PooledMessageStorage(pools, storage), InstantSource.system(),
                ApiComponents.defaults().withSecurity(security).withPooling(pools));
        api.start("127.0.0.1", 0);
        return api;
    }

    private static StorageDriver sqlDriver() {
        return ServiceLoader.load(StorageDriver.class).stream().map(ServiceLoader.Provider::get)
                .filter(d -> d.name().equals("sqlalchemy")).findFirst().orElseThrow();
    }

    private static MessageStorage openSqlStorage(String uri) {
        ConfigSection section = new ConfigSection("drivers:message_store:sqlalchemy", Map.of("uri", uri));
        return sqlDriver().openMessageStore(new StorageContext(section, ZaqarConfig.empty(), InstantSource.system()));
    }

    private static RequestSpecification zaqar(ApiServer api) {
        return given().baseUri("http://127.0.0.1:" + api.port()).urlEncodingEnabled(false).header("Client-ID", CLIENT_ID);
    }

    private static RequestSpecification as(String token) {
        return zaqar(server).header("X-Auth-Token", token);
    }

    private static List<String> queueNames(String token) {
        return as(token).get("/v2/queues").then().statusCode(200).extract().path("queues.name");
    }

    @Test
    void rootIsServedWithoutToken() {
        zaqar(server).get("/").then().statusCode(300);
    }

    @Test
    void missingAndGarbageTokensAre401WithKeystoneMiddlewaresBodyAndHeader() {
        for (RequestSpecification request : List.of(zaqar(server), as("garbage-token"), as(""))) {
            request.get("/v2/queues").then().statusCode(401)
                    .header("WWW-Authenticate", "Keystone uri=\"http://keystone.example.org:5000\"")
                    .contentType("application/json")
                    .body("error.code", equalTo(401)).body("error.title", equalTo("Unauthorized"))
                    .body("error.message", equalTo("The request you have made requires authentication."));
        }
    }

    @Test
    void projectComesFromTheTokenNeverFromClientHeaders() {
        String memberA = keystone.token("member-a", "pw-a", "project-a");
        String memberB = keystone.token("member-b", "pw-b", "project-b");
        // X-Project-ID naming project B is ignored: the queue lands in the token's project A.
        as(memberA).header("X-Project-ID", projectB).put("/v2/queues/only-in-a").then().statusCode(201);
        assertTrue(queueNames(memberA).contains("only-in-a"));
        as(memberB).get("/v2/queues").then().body("queues.name", not(hasItem("only-in-a")));
        as(memberB).header("X-Project-ID", projectA).get("/v2/queues/only-in-a/stats").then()
                .body("messages.total", equalTo(0));
        as(memberB).header("X-Project-ID", projectA).delete("/v2/queues/only-in-a").then().statusCode(204);
        assertTrue(queueNames(memberA).contains("only-in-a"), "another project's token deleted nothing of A");
    }

    @Test
    void rolesComeFromTheToken() {
        String member = keystone.token("member-a", "pw-a", "project-a");
        String admin = keystone.token("admin-a", "pw-admin", "project-a");
        as(member).get("/v2/health").then().statusCode(403).body("title", equalTo("Not authorized"));
        as(member).header("X-Roles", "admin").header("X-Identity-Status", "Confirmed").get("/v2/health").then()
                .statusCode(403);
        as(admin).get("/v2/health").then().statusCode(200);
    }

    /** Every identity header keystonemiddleware removes, each claiming admin rights or another project. */
    private static RequestSpecification forging(RequestSpecification request) {
        for (String header : IdentityHeaders.REMOVED) {
            request = request.header(header, header.endsWith("roles") || header.endsWith("role") ? "admin"
                    : header.endsWith("project-id") || header.endsWith("tenant-id") ? projectB : "True");
        }
        return request;
    }

    @Test
    void forgedIdentityHeadersGiveNoAdminRights() {
        String member = keystone.token("member-a", "pw-a", "project-a");
        String admin = keystone.token("admin-a", "pw-admin", "project-a");
        forging(as(member)).get("/v2/pools").then().statusCode(403).body("title", equalTo("Not authorized"));
        forging(as(member)).contentType("application/json").body("{\"weight\": 1, \"uri\": \"sqlite:///"
                + dir.resolve("forged.db") + "\"}").put("/v2/pools/forged").then().statusCode(403);
        forging(as(member)).contentType("application/json").body("{\"pool_list\": []}")
                .put("/v2/flavors/forged").then().statusCode(403);
        forging(as(member)).delete("/v2/flavors/forged").then().statusCode(403);
        forging(as(member)).get("/v2/health").then().statusCode(403);
        // The older APIs, which upstream leaves without policy, do not open a way around it.
        forging(as(member)).get("/v1.1/pools").then().statusCode(403);
        forging(as(member)).get("/v1/pools").then().statusCode(403);
        forging(as(member)).contentType("application/json").body("{\"pool_list\": []}")
                .put("/v1.1/flavors/forged").then().statusCode(403);
        forging(as(member)).get("/v1.1/health").then().statusCode(403);
        as(admin).get("/v1.1/pools").then().statusCode(200);
        as(member).get("/v1.1/queues").then().statusCode(lessThan(300));
        // The same headers on an admin's token change nothing either: the token decides.
        forging(as(admin)).get("/v2/pools").then().statusCode(200);
        forging(as(member)).put("/v2/queues/forged-project").then().statusCode(201);
        assertTrue(queueNames(member).contains("forged-project"), "the queue is in the token's project");
    }

    @Test
    void extraSpecHandlersSeeTheTokensIdentityAndNoForgedHeader() {
        String member = keystone.token("member-a", "pw-a", "project-a");
        forging(as(member)).header("EXTRA-SPEC", "record:anything").get("/v2/queues").then().statusCode(200);
        RecordingExtraSpecHandler.Seen seen = RecordingExtraSpecHandler.last;
        assertEquals(Map.of(), seen.headers(), "no identity header reaches a handler");
        assertEquals(projectA, seen.request().projectId());
        assertTrue(seen.request().hasRole("member") && !seen.request().hasRole("admin"), seen.request().toString());
    }

    @Test
    void revokedTokenIsRefusedOnceTheCacheCannotVouchForIt() {
        String member = keystone.token("member-b", "pw-b", "project-b");
        keystone.revoke(member);
        as(member).get("/v2/queues").then().statusCode(401);
    }

    @Test
    void expiredTokenIsRefusedEvenWhenCached() throws InterruptedException {
        String member = keystone.token("member-a", "pw-a", "project-a");
        as(member).get("/v2/queues").then().statusCode(200);
        Thread.sleep(TOKEN_LIFETIME.plusSeconds(2).toMillis());
        as(member).get("/v2/queues").then().statusCode(401);
        // The service renews its own (also expired) token by itself.
        as(keystone.token("member-a", "pw-a", "project-a")).get("/v2/queues").then().statusCode(200);
    }

    @Test
    void revokedServiceTokenIsRenewedAndTheValidationRetried() throws InterruptedException {
        as(keystone.token("member-a", "pw-a", "project-a")).get("/v2/queues").then().statusCode(200);
        // Keystone revokes every token of the service user, ours included (revocation is per second).
        keystone.setPassword(serviceUser, SERVICE_PASSWORD);
        Thread.sleep(1500);
        as(keystone.token("member-a", "pw-a", "project-a")).get("/v2/queues").then().statusCode(200);
    }

    @Test
    void emptySignatureAndExtraSpecDoNotBypassAuthentication() {
        zaqar(server).header("X-Project-ID", projectA).header("URL-Signature", "")
                .header("URL-Methods", "GET").header("URL-Paths", "/v2/queues").header("URL-Expires", "2099-01-01T00:00:00")
                .get("/v2/queues").then().statusCode(401);
        zaqar(server).header("X-Project-ID", projectA).header("EXTRA-SPEC", "anything:goes")
                .get("/v2/queues").then().statusCode(401);
    }

    @Test
    void signedUrlAuthorizesExactlyItsPathsAndMethodsWithoutToken() {
        String member = keystone.token("member-a", "pw-a", "project-a");
        as(member).contentType("application/json").body("{\"messages\": [{\"body\": 1}]}")
                .post("/v2/queues/shared/messages").then().statusCode(201);
        JsonPath signed = as(member).contentType("application/json").body("{\"methods\": [\"GET\"]}")
                .post("/v2/queues/shared/share").then().statusCode(200)
                .body("project", equalTo(projectA)).extract().jsonPath();
        RequestSpecification bearer = zaqar(server).header("X-Project-ID", projectA)
                .header("URL-Signature", signed.getString("signature")).header("URL-Expires", signed.getString("expires"))
                .header("URL-Methods", "GET").header("URL-Paths", "/v2/queues/shared/messages");
        bearer.get("/v2/queues/shared/messages?echo=true").then().statusCode(200).body("messages[0].body", equalTo(1));
        zaqar(server).header("X-Project-ID", projectA)
                .header("URL-Signature", signed.getString("signature")).header("URL-Expires", signed.getString("expires"))
                .header("URL-Methods", "GET").header("URL-Paths", "/v2/queues/shared/messages")
                .contentType("application/json").body("{\"messages\": [{\"body\": 2}]}")
                .post("/v2/queues/shared/messages").then().statusCode(404);
        zaqar(server).header("X-Project-ID", projectA)
                .header("URL-Signature", signed.getString("signature")).header("URL-Expires", signed.getString("expires"))
                .header("URL-Methods", "GET").header("URL-Paths", "/v2/queues/shared/messages")
                .get("/v2/queues/shared/stats").then().statusCode(404);
        zaqar(server).header("X-Project-ID", projectB)
                .header("URL-Signature", signed.getString("signature")).header("URL-Expires", signed.getString("expires"))
                .header("URL-Methods", "GET").header("URL-Paths", "/v2/queues/shared/messages")
                .get("/v2/queues/shared/messages").then().statusCode(404);
    }

    @Test
    void unreachableKeystoneIs503NeverAPass() {
        ApiServer blind = startZaqar("http://127.0.0.1:9");
        try {
            zaqar(blind).header("X-Auth-Token", "whatever").get("/v2/queues").then().statusCode(503)
                    .body("description", containsString("Keystone"));
        } finally {
            blind.stop();
        }
    }
}
