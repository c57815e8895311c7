package org.zaqar.api;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * A real Keystone (Debian's keystone package) for the auth tests, started from
 * {@code src/test/resources/keystone/start-keystone.sh} on a free port with its own SQLite
 * database, and administered over its REST API. Tests that need it call {@link #isInstalled()}
 * first; CI installs the package and sets {@code ZAQAR_TEST_REQUIRE_KEYSTONE=1} so that a missing
 * Keystone fails instead of skipping.
 */
public final class KeystoneServer implements AutoCloseable {
    static final String ADMIN_PASSWORD = "admin-secret";
    /** On the test class path, so that other modules' tests (through the test jar) start it too. */
    private static final String SCRIPT = "/keystone/start-keystone.sh";

    private final Path dir;
    private final int port;
    private final long pid;
    private String adminToken;
    private Instant adminTokenIssued = Instant.EPOCH;

    private KeystoneServer(Path dir, int port, long pid) {
        this.dir = dir;
        this.port = port;
        this.pid = pid;
    }

    /** Tokens live only seconds in these tests: the admin's is renewed when half that is gone. */
    private synchronized String adminToken() {
        if (Instant.now().isAfter(adminTokenIssued.plusSeconds(5))) {
            adminTokenIssued = Instant.now();
            adminToken = token("admin", ADMIN_PASSWORD, "admin");
        }
        return adminToken;
    }

    public static boolean isInstalled() {
        return Files.isExecutable(Path.of("/usr/bin/keystone-manage"))
                && Files.isExecutable(Path.of("/usr/bin/keystone-wsgi-public"));
    }

    public static boolean isRequired() {
        return "1".equals(System.getenv("ZAQAR_TEST_REQUIRE_KEYSTONE"));
    }

    /** Starts Keystone with tokens that live {@code tokenLifetime}, and waits until it answers. */
    public static KeystoneServer start(Path dir, Duration tokenLifetime) throws IOException, InterruptedException {
        int port = freePort();
        Files.createDirectories(dir);
        Path script = dir.resolve("start-keystone.sh");
        try (InputStream in = KeystoneServer.class.getResourceAsStream(SCRIPT)) {
            Files.copy(in, script);
        }
        Process setup = new ProcessBuilder("bash", script.toString(), dir.toString(),
                String.valueOf(port), ADMIN_PASSWORD, String.valueOf(tokenLifetime.toSeconds()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("setup.log").toFile()).start();
        if (!setup.waitFor(5, TimeUnit.MINUTES) || setup.exitValue() != 0) {
            throw new IllegalStateException("Keystone setup failed: " + Files.readString(dir.resolve("setup.log"))
                    + readIfExists(dir.resolve("keystone-manage.log")));
        }
        long pid = Long.parseLong(Files.readString(dir.resolve("keystone.pid")).strip());
        Instant deadline = Instant.now().plusSeconds(90);
        while (true) {
            try {
                if (given().baseUri("http://127.0.0.1:" + port).get("/v3").statusCode() == 200) {
                    break;
                }
            } catch (Exception notYet) {
                // not listening yet
            }
            if (Instant.now().isAfter(deadline) || ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true)) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
                throw new IllegalStateException("Keystone did not start: " + readIfExists(dir.resolve("keystone.log")));
            }
            Thread.sleep(300);
        }
        return new KeystoneServer(dir, port, pid);
    }

    private static String readIfExists(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** A project-scoped token for a user of the Default domain, as any client obtains one. */
    public String token(String user, String password, String project) {
        String body = """
                {"auth": {"identity": {"methods": ["password"], "password": {"user": {"name": "%s", "password": "%s",
                  "domain": {"name": "Default"}}}}, "scope": {"project": {"name": "%s", "domain": {"name": "Default"}}}}}
                """.formatted(user, password, project);
        Response response = given().baseUri(url()).contentType(ContentType.JSON).body(body).post("/v3/auth/tokens");
        if (response.statusCode() != 201) {
            throw new IllegalStateException("Keystone refused a token for " + user + ": " + response.asString());
        }
        return response.header("X-Subject-Token");
    }

    /** Creates a project and returns its id. */
    public String createProject(String name) {
        return admin(Map.of("project", Map.of("name", name, "domain_id", "default")), "/v3/projects")
                .path("project.id");
    }

    /** Creates a user and returns its id. */
    public String createUser(String name, String password) {
        return admin(Map.of("user", Map.of("name", name, "password", password, "domain_id", "default")),
                "/v3/users").path("user.id");
    }

    public void grant(String projectId, String userId, String roleName) {
        String roleId = given().baseUri(url()).header("X-Auth-Token", adminToken()).queryParam("name", roleName)
                .get("/v3/roles").then().statusCode(200).extract().path("roles[0].id");
        given().baseUri(url()).header("X-Auth-Token", adminToken())
                .put("/v3/projects/" + projectId + "/users/" + userId + "/roles/" + roleId).then().statusCode(204);
    }

    /** Sets a user's password (to the same value or not): Keystone then revokes every token of that user. */
    public void setPassword(String userId, String password) {
        given().baseUri(url()).header("X-Auth-Token", adminToken()).contentType(ContentType.JSON)
                .body(Map.of("user", Map.of("password", password))).patch("/v3/users/" + userId)
                .then().statusCode(200);
    }

    /** Revokes a token, as a logout does. */
    public void revoke(String token) {
        given().baseUri(url()).header("X-Auth-Token", adminToken()).header("X-Subject-Token", token)
                .delete("/v3/auth/tokens").then().statusCode(204);
    }

    /** Registers a service in the catalog with one public endpoint, as an operator does for Zaqar. */
    public void registerService(String name, String type, String publicUrl) {
        String serviceId = admin(Map.of("service", Map.of("name", name, "type", type)), "/v3/services")
                .path("service.id");
        admin(Map.of("endpoint", Map.of("service_id", serviceId, "interface", "public", "url", publicUrl,
                "region_id", "RegionOne")), "/v3/endpoints");
    }

    /** What Keystone says of a token (GET /v3/auth/tokens as the admin), or null when it is not valid. */
    public JsonPath validate(String token) {
        Response response = given().baseUri(url()).header("X-Auth-Token", adminToken()).header("X-Subject-Token", token)
                .get("/v3/auth/tokens");
        return response.statusCode() == 200 ? response.jsonPath() : null;
    }

    private Response admin(Map<String, Object> body, String path) {
        Response response = given().baseUri(url()).header("X-Auth-Token", adminToken()).contentType(ContentType.JSON)
                .body(body).post(path);
        if (response.statusCode() != 201) {
            throw new IllegalStateException("Keystone refused POST " + path + ": " + response.asString());
        }
        return response;
    }

    @Override
    public void close() {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
    }

    Path dir() {
        return dir;
    }
}
