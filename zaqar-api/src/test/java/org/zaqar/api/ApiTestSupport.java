package org.zaqar.api;

import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.UUID;

import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.zaqar.core.config.ConfigSection;
import org.zaqar.core.config.TransportLimits;
import org.zaqar.core.config.ZaqarConfig;
import org.zaqar.core.storage.MessageStorage;
import org.zaqar.core.storage.StorageContext;
import org.zaqar.core.storage.StorageDriver;
import org.zaqar.core.testing.ManualClock;

/**
 * Starts the real API on an ephemeral port over the real SQL store (an SQLite file in a temp
 * directory), on a manual clock, and gives each test a project of its own.
 */
abstract class ApiTestSupport {
    static final String CLIENT_ID = "3381af92-2b9e-11e3-b191-71861300734c";

    /** Send Content-Type exactly as given: upstream compares the PATCH media type verbatim. */
    private static final RestAssuredConfig RAW_CONTENT_TYPES = RestAssuredConfig.config().encoderConfig(
            EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)
                    .encodeContentTypeAs("application/openstack-messaging-v2.0-json-patch", ContentType.TEXT));

    @TempDir
    Path dir;

    protected ManualClock clock;
    protected MessageStorage storage;
    protected ApiServer server;
    protected String project;

    /** Settings of the server under test; tests override to change limits or modes. */
    protected ApiSettings settings() {
        return new ApiSettings(TransportLimits.defaults(), false, true, "");
    }

    /** Authentication and authorization of the server under test; noauth unless a test overrides it. */
    protected SecuritySettings security() {
        return SecuritySettings.noauth();
    }

    @BeforeEach
    void startServer() {
        clock = new ManualClock();
        storage = openSqlStorage(dir.resolve("zaqar.db"));
        server = newServer();
        server.start("127.0.0.1", 0);
        project = "p-" + UUID.randomUUID();
    }

    /** The server under test over {@link #storage}; tests override to serve it another way. */
    protected ApiServer newServer() {
        return new ApiServer(settings(), storage, clock, ApiComponents.defaults().withSecurity(security()));
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop();
        }
        if (storage != null) {
            storage.close();
        }
    }

    protected MessageStorage openSqlStorage(Path file) {
        return openSqlStorage("sqlite:///" + file);
    }

    protected MessageStorage openSqlStorage(String uri) {
        ConfigSection section = new ConfigSection("drivers:message_store:sqlalchemy", Map.of("uri", uri));
        return sqlDriver().openMessageStore(new StorageContext(section, ZaqarConfig.empty(), clock));
    }

    protected static StorageDriver sqlDriver() {
        return ServiceLoader.load(StorageDriver.class).stream().map(ServiceLoader.Provider::get)
                .filter(d -> d.name().equals("sqlalchemy")).findFirst()
                .orElseThrow(() -> new IllegalStateException("the sqlalchemy storage driver is not on the test class path"));
    }

    protected String baseUri() {
        return "http://127.0.0.1:" + server.port();
    }

    /** A request with upstream's required headers. */
    protected RequestSpecification api() {
        return bare().header("Client-ID", CLIENT_ID).header("X-Project-ID", project)
                .urlEncodingEnabled(false);
    }

    /** A request without any header. */
    protected RequestSpecification bare() {
        return RestAssured.given().baseUri(baseUri()).urlEncodingEnabled(false).config(RAW_CONTENT_TYPES);
    }

    protected void createQueue(String name) {
        api().put("/v2/queues/" + name).then().statusCode(201);
    }

    /** Posts messages (JSON array text) and returns their ids. */
    protected java.util.List<String> post(String queue, String messages) {
        java.util.List<String> hrefs = api().contentType("application/json").body("{\"messages\": " + messages + "}")
                .post("/v2/queues/" + queue + "/messages").then().statusCode(201).extract().path("resources");
        return hrefs.stream().map(href -> href.substring(href.lastIndexOf('/') + 1)).toList();
    }
}
