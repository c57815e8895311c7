package org.zaqar.client;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;

import org.zaqar.core.config.ZaqarConfig;
import org.zaqar.server.ZaqarServer;

/** The real Zaqar server in this JVM on a free port, both stores on one SQLite file in a temp directory. */
final class TestServer implements AutoCloseable {
    private final Path dir;
    private final ZaqarServer server;

    private TestServer(Path dir, ZaqarServer server) {
        this.dir = dir;
        this.server = server;
    }

    /**
     * A server with {@code sections} (more zaqar.conf text) besides its port and stores; it
     * notifies subscribers, as devstack and puppet-zaqar configure it.
     */
    static TestServer start(String sections) throws IOException {
        Path dir = Files.createTempDirectory("zaqar-client-test");
        String uri = "sqlite:///" + dir.resolve("zaqar.db");
        ZaqarConfig config = ZaqarConfig.parse("""
                [drivers:transport:wsgi]
                port = 0
                [drivers:message_store:sqlalchemy]
                uri = %1$s
                [drivers:management_store:sqlalchemy]
                uri = %1$s
                [storage]
                message_pipeline = zaqar.notification.notifier
                """.formatted(uri) + sections);
        return new TestServer(dir, ZaqarServer.start(config, InstantSource.system()));
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    Path dir() {
        return dir;
    }

    /** A client of project {@code project} with these roles, without authentication. */
    ZaqarClient client(String project, String... roles) {
        return ZaqarClient.builder(endpoint()).authentication(Authentication.noAuth(project, roles)).build();
    }

    @Override
    public void close() {
        server.close();
    }
}
