package org.zaqar.server;

import java.nio.file.Path;

import org.zaqar.core.config.ZaqarConfig;

/** zaqar.conf text for a test server whose message and management stores share one SQLite file. */
final class SqliteServerConfig {
    /** The storage pipeline devstack and puppet-zaqar write: subscribers are notified of posts. */
    static final String NOTIFIER_PIPELINE = """
            [storage]
            message_pipeline = zaqar.notification.notifier
            """;

    private SqliteServerConfig() {
    }

    /** Both store sections, on {@code dir/zaqar.db}. */
    static String stores(Path dir) {
        String uri = "sqlite:///" + dir.resolve("zaqar.db");
        return """
                [drivers:message_store:sqlalchemy]
                uri = %s
                [drivers:management_store:sqlalchemy]
                uri = %s
                """.formatted(uri, uri);
    }

    /** A server on a free port with {@link #stores}, plus {@code sections} (more zaqar.conf text). */
    static ZaqarConfig on(Path dir, String sections) {
        return ZaqarConfig.parse("""
                [drivers:transport:wsgi]
                port = 0
                """ + stores(dir) + sections);
    }
}
