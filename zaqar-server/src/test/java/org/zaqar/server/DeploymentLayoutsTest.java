package org.zaqar.server;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.zaqar.api.KeystoneServer;
import org.zaqar.storage.redis.RedisTestServer;
import org.zaqar.storage.sql.EmbeddedMariaDb;
import org.zaqar.storage.sql.SqlSchema;
import org.zaqar.storage.swift.SwiftTestServer;

/**
 * The option files devstack (redis and swift), puppet-openstack-integration and TripleO write start our server
 * for real on MySQL (MariaDB here), as a child process the way an operator runs it. Only hosts,
 * ports, paths and credentials change: MySQL URIs point at a fresh database each, Redis at the test
 * Redis, Keystone at one real test Keystone, log_dir at a temp directory. A second --config-file
 * selects the HTTP transport on port 0, as uwsgi serves the API beside the file's other settings.
 */
class DeploymentLayoutsTest {
    private static final Pattern SERVING = Pattern.compile("Zaqar serving wsgi on port (\\d+)");
    private static final String SERVICE_PASSWORD = "secretservice";
    private static Path dir;
    private static KeystoneServer keystone;
    private static String memberToken;
    private static String adminToken;

    @BeforeAll
    static void startKeystone() throws Exception {
        if (!KeystoneServer.isInstalled()) {
            assertFalse(KeystoneServer.isRequired(), "ZAQAR_TEST_REQUIRE_KEYSTONE=1 but keystone is not installed");
            Assumptions.abort("keystone is not installed (apt-get install keystone)");
        }
        EmbeddedMariaDb.instance();
        dir = Files.createTempDirectory("zaqar-deployments-test");
        keystone = KeystoneServer.start(dir.resolve("keystone"), Duration.ofMinutes(10));
        // the service user every file names: devstack and TripleO put it in "service", puppet in "services"
        String zaqar = keystone.createUser("zaqar", SERVICE_PASSWORD);
        keystone.grant(keystone.createProject("service"), zaqar, "admin");
        keystone.grant(keystone.createProject("services"), zaqar, "admin");
        String demo = keystone.createProject("demo");
        keystone.grant(demo, keystone.createUser("demo", "demo-pw"), "member");
        memberToken = keystone.token("demo", "demo-pw", "demo");
        adminToken = keystone.token("zaqar", SERVICE_PASSWORD, "service");
    }

    @AfterAll
    static void stopKeystoneAndRemoveFiles() {
        if (keystone != null) {
            keystone.close();
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            } catch (IOException e) {
                // a leftover temp directory fails no test
            }
        }
    }

    @Test
    void devstackRedisOnMysql() throws Exception {
        String text = devstackHosts(read("devstack-redis.conf"))
                .replace("redis://localhost:6379", RedisTestServer.sharedUri());
        // devstack sets no log_dir: systemd's journal takes standard output, which the test captures
        runLayout("devstack-redis", text, "", true, null);
    }

    @Test
    void devstackSwiftOnMysql() throws Exception {
        SwiftTestServer swift = SwiftTestServer.shared();
        // the test Swift authenticates with tempauth, not Keystone
        String text = read("devstack-swift.conf").replace(
                "auth_url = http://10.0.0.10/identity\nuri = swift://zaqar:secretservice@/service",
                "auth_url = " + swift.authUrl() + "\nuri = swift://" + SwiftTestServer.USER + ":"
                        + SwiftTestServer.PASSWORD + "@/" + SwiftTestServer.ACCOUNT);
        runLayout("devstack-swift", devstackHosts(text), "", true, null);
    }

    private static String devstackHosts(String text) {
        return text
                .replace("mysql+pymysql://root:secretdatabase@127.0.0.1/zaqar?charset=utf8", freshDatabase("devstack"))
                .replace("http://10.0.0.10/identity", keystone.url())
                .replace("/opt/stack/data/ca-bundle.pem", dir.resolve("absent-ca.pem").toString())
                .replace("bind = 10.0.0.10", "bind = 127.0.0.1")
                .replace("port = 9000", "port = 0");
    }

    @Test
    void puppetOpenstackIntegrationOnMysql() throws Exception {
        SwiftTestServer swift = SwiftTestServer.shared();
        String mysql = freshDatabase("puppet");
        Path logDir = dir.resolve("puppet-log");
        String text = read("puppet-openstack-integration.conf")
                .replace("mysql+pymysql://zaqar:zaqar@127.0.0.1/zaqar?charset=utf8", mysql)
                .replace("log_dir=/var/log/zaqar", "log_dir=" + logDir)
                // the test Swift authenticates with tempauth, not Keystone
                .replace("uri=swift://zaqar:a_big_secret@/services\nauth_url=http://127.0.0.1:5000/v3",
                        "uri=swift://" + SwiftTestServer.USER + ":" + SwiftTestServer.PASSWORD + "@/"
                                + SwiftTestServer.ACCOUNT + "\nauth_url=" + swift.authUrl())
                .replace("http://127.0.0.1:5000/v3", keystone.url() + "/v3")
                .replace("http://127.0.0.1:5000", keystone.url())
                .replace("a_big_secret", SERVICE_PASSWORD)
                .replace("/etc/zaqar/policy.yaml", dir.resolve("absent-policy.yaml").toString());
        runLayout("puppet", text, POOLING_AND_ADMIN, true, logDir.resolve("zaqar-server.log"));
    }

    @Test
    void tripleoOnMysqlWithItsOptionFile() throws Exception {
        EmbeddedMariaDb mariadb = EmbeddedMariaDb.instance();
        String database = "layout_tripleo_" + UUID.randomUUID().toString().substring(0, 8);
        mariadb.createDatabase(database);
        // what TripleO's puppet writes to /etc/my.cnf.d/tripleo.cnf, here naming the test server; the URI
        // leaves user and host out so that connecting at all shows the file was read
        Path myCnf = Files.writeString(dir.resolve("tripleo.cnf"), "[tripleo]\nhost=127.0.0.1\nport="
                + mariadb.port() + "\nuser=" + EmbeddedMariaDb.USER + "\npassword=" + EmbeddedMariaDb.PASSWORD + "\n");
        String tripleoUri = "mysql+pymysql://@/" + database + "?read_default_file=" + myCnf
                + "&read_default_group=tripleo";
        Path logDir = dir.resolve("tripleo-log");
        String text = read("tripleo.conf")
                .replace("mysql+pymysql://zaqar:zaqar-password@192.168.24.10/zaqar?read_default_file="
                        + "/etc/my.cnf.d/tripleo.cnf&read_default_group=tripleo", tripleoUri)
                .replace("redis://:redis-password@192.168.24.11:6379/", RedisTestServer.sharedUri())
                .replace("http://192.168.24.10:5000", keystone.url())
                .replace("192.168.24.12", "127.0.0.1")
                .replace("zaqar-password", SERVICE_PASSWORD)
                .replace("log_dir=/var/log/zaqar", "log_dir=" + logDir)
                .replace("/etc/zaqar/policy.yaml", dir.resolve("absent-policy.yaml").toString());
        // zaqar-sql-db-manage upgrade, reading the same option file
        SqlSchema.withSchema(tripleoUri, SqlSchema::upgrade);
        runLayout("tripleo", text, POOLING_AND_ADMIN, false, logDir.resolve("zaqar-server.log"));
    }

    /** Only these two lines are added where a file leaves pooling and the pools API off. */
    private static final String POOLING_AND_ADMIN = "[DEFAULT]\npooling = True\nadmin_mode = True\n";

    private static String freshDatabase(String layout) {
        String uri = EmbeddedMariaDb.instance().createDatabase(
                "layout_" + layout + "_" + UUID.randomUUID().toString().substring(0, 8));
        SqlSchema.withSchema(uri, SqlSchema::upgrade);
        return uri;
    }

    private static String read(String file) throws Exception {
        return Files.readString(Path.of("src/test/resources/deployments/" + file));
    }

    private static void runLayout(String layout, String text, String extra, boolean debug, Path logFile)
            throws Exception {
        Path config = Files.writeString(dir.resolve(layout + ".conf"), text);
        Path http = Files.writeString(dir.resolve(layout + "-wsgi.conf"),
                extra + "[drivers]\ntransport = wsgi\n[drivers:transport:wsgi]\nbind = 127.0.0.1\nport = 0\n");
        Path out = dir.resolve(layout + ".out");
        Path log = logFile == null ? out : logFile;
        Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Xmx256m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "--config-file", config.toString(), "--config-file", http.toString())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            int port = awaitPort(server, log, out);
            String queue = "orders-" + UUID.randomUUID();
            walkThrough(port, queue);
            String written = Files.readString(log);
            assertTrue(written.contains("/v2/queues/" + queue + "/claims"),
                    "the request's lines in " + log + ":\n" + written);
            assertEquals(debug, written.contains(" DEBUG "), "debug = " + debug + " in " + log + ":\n" + written);
            if (logFile != null) {
                assertEquals("", Files.readString(out), "with log_dir nothing goes to standard output");
            }
        } finally {
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    private static int awaitPort(Process server, Path log, Path out) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            assertTrue(server.isAlive(), () -> "server exited:\n" + readQuietly(out) + readQuietly(log));
            Matcher serving = SERVING.matcher(readQuietly(log));
            if (serving.find()) {
                return Integer.parseInt(serving.group(1));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the server did not start within 90 s:\n" + readQuietly(out) + readQuietly(log));
    }

    private static String readQuietly(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static RequestSpecification request(int port, String token) {
        return given().baseUri("http://127.0.0.1:" + port).header("X-Auth-Token", token)
                .header("Client-ID", "3381af92-2b9e-11e3-b191-71861300734c").contentType(ContentType.JSON);
    }

    /** An admin registers a pool and a flavor on the MySQL management store; a member runs the curl walk-through. */
    private static void walkThrough(int port, String queue) {
        // the queue lands on the pool outside any flavor; a pool in a flavor serves only that flavor's queues
        String poolUri = RedisTestServer.sharedUri();
        request(port, adminToken).body("{\"weight\": 100, \"uri\": \"" + poolUri + "\"}")
                .put("/v2/pools/main").then().statusCode(201);
        String flavoredUri = freshDatabase("pool");
        // a pool's capabilities must match the other pools of its flavor: this SQL one stands apart from Redis
        request(port, adminToken).body("{\"weight\": 100, \"flavor\": \"standard\", \"uri\": \"" + flavoredUri + "\"}")
                .put("/v2/pools/archive").then().statusCode(201);
        request(port, adminToken).body("{\"pool_list\": [\"archive\"]}").put("/v2/flavors/standard")
                .then().statusCode(201);
        assertEquals(poolUri, request(port, adminToken).get("/v2/pools/main").then().statusCode(200)
                .extract().jsonPath().getString("uri"));
        assertEquals("standard", request(port, adminToken).get("/v2/pools/archive?detailed=true").then()
                .statusCode(200).extract().jsonPath().getString("flavor"));
        assertEquals(List.of("archive"), request(port, adminToken).get("/v2/flavors/standard").then()
                .statusCode(200).extract().jsonPath().getList("pool_list"));

        request(port, memberToken).body("{\"_default_message_ttl\": 3600}").put("/v2/queues/" + queue)
                .then().statusCode(201);
        request(port, memberToken).body("{\"messages\": [{\"ttl\": 300, \"body\": {\"order\": 1}},"
                + " {\"body\": {\"order\": 2}}]}").post("/v2/queues/" + queue + "/messages").then().statusCode(201);
        assertEquals(List.of(1, 2), request(port, memberToken).get("/v2/queues/" + queue + "/messages?echo=true")
                .then().statusCode(200).extract().jsonPath().getList("messages.body.order"));
        List<String> claimed = request(port, memberToken).body("{\"ttl\": 60, \"grace\": 60}")
                .post("/v2/queues/" + queue + "/claims").then().statusCode(201).extract().jsonPath()
                .getList("messages.href");
        assertEquals(2, claimed.size());
        for (String href : claimed) {
            request(port, memberToken).delete(href).then().statusCode(204);
        }
        assertEquals(0, request(port, memberToken).get("/v2/queues/" + queue + "/stats").jsonPath()
                .getInt("messages.total"));
    }
}
