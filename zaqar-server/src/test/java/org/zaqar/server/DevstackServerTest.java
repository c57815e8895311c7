package org.zaqar.server;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.zaqar.api.KeystoneServer;
import org.zaqar.core.config.ZaqarConfig;

/**
 * Starts the server for real on the zaqar.conf devstack writes for ZAQAR_BACKEND=mongodb, changing
 * only hosts and ports: the MongoDB URIs point at an in-process MongoDB wire server, the Keystone
 * URLs at a real Keystone, the WebSocket listener at 127.0.0.1 and a free port. Devstack runs that
 * file twice: zaqar-server for the WebSocket transport it names, and uwsgi for the HTTP API (uwsgi
 * ignores {@code [drivers] transport}); the HTTP instance here gets a second file that selects the
 * wsgi transport, as oslo.config reads files in order. A curl walk-through then runs over HTTP with
 * a Keystone token.
 */
class DevstackServerTest {
    private static Path dir;
    private static KeystoneServer keystone;
    private static MongoServer mongo;
    private static ZaqarServer websocket;
    private static ZaqarServer http;
    private static String token;

    @BeforeAll
    static void startKeystoneMongoAndZaqar() throws Exception {
        if (!KeystoneServer.isInstalled()) {
            assertTrue(!KeystoneServer.isRequired(), "ZAQAR_TEST_REQUIRE_KEYSTONE=1 but keystone is not installed");
            Assumptions.abort("keystone is not installed (apt-get install keystone)");
        }
        dir = Files.createTempDirectory("zaqar-devstack-test");
        keystone = KeystoneServer.start(dir.resolve("keystone"), Duration.ofMinutes(10));
        // what devstack's create_zaqar_accounts and its demo project amount to
        keystone.grant(keystone.createProject("service"), keystone.createUser("zaqar", "secretservice"), "admin");
        String demo = keystone.createProject("demo");
        keystone.grant(demo, keystone.createUser("demo", "demo-pw"), "member");
        token = keystone.token("demo", "demo-pw", "demo");

        mongo = new MongoServer(new MemoryBackend());
        mongo.bind("127.0.0.1", 0);
        InetSocketAddress address = mongo.getLocalAddress();
        Path file = dir.resolve("zaqar.conf");
        Files.writeString(file, Files.readString(Path.of("src/test/resources/deployments/devstack-mongodb.conf"))
                .replace("mongodb://localhost:27017/", "mongodb://127.0.0.1:" + address.getPort() + "/")
                .replace("http://10.0.0.10/identity", keystone.url())
                .replace("bind = 10.0.0.10", "bind = 127.0.0.1")
                .replace("port = 9000", "port = 0"));
        Path httpInstance = dir.resolve("zaqar-wsgi.conf");
        Files.writeString(httpInstance, "[drivers]\ntransport = wsgi\n[drivers:transport:wsgi]\nport = 0\n");

        websocket = ZaqarServer.start(ZaqarConfig.load(List.of(file)), InstantSource.system());
        http = ZaqarServer.start(ZaqarConfig.load(List.of(file, httpInstance)), InstantSource.system());
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {http, websocket, keystone}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                // the other servers still stop
            }
        }
        if (mongo != null) {
            mongo.shutdownNow();
        }
    }

    private static RequestSpecification request() {
        return given().baseUri("http://127.0.0.1:" + http.port()).header("X-Auth-Token", token)
                .header("Client-ID", "3381af92-2b9e-11e3-b191-71861300734c").contentType(ContentType.JSON);
    }

    @Test
    void bothInstancesListen() {
        assertTrue(websocket.port() > 0 && http.port() > 0);
        given().baseUri("http://127.0.0.1:" + http.port()).header("Client-ID", "3381af92-2b9e-11e3-b191-71861300734c")
                .get("/v2/queues").then().statusCode(401);
    }

    @Test
    void curlWalkThroughWithAKeystoneToken() {
        request().body("{\"_default_message_ttl\": 3600}").put("/v2/queues/orders").then().statusCode(201);
        request().body("{\"messages\": [{\"ttl\": 300, \"body\": {\"order\": 1}}, {\"body\": {\"order\": 2}}]}")
                .post("/v2/queues/orders/messages").then().statusCode(201);
        List<String> claimed = request().body("{\"ttl\": 60, \"grace\": 60}").post("/v2/queues/orders/claims")
                .then().statusCode(201).extract().jsonPath().getList("messages.href");
        assertEquals(2, claimed.size());
        for (String href : claimed) {
            request().delete(href).then().statusCode(204);
        }
        assertEquals(0, request().get("/v2/queues/orders/stats").jsonPath().getInt("messages.total"));
        // admin_mode = True serves the pools API, and upstream's policy keeps it for admins
        request().get("/v2/pools").then().statusCode(403);
    }
}
