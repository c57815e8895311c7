package org.zaqar.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** What an operator sees when the server cannot listen, or listens where it should think twice. */
class ServerStartupTest {
    @TempDir
    Path dir;

    @Test
    void aPortInUseIsOneClearLineAndExitTwo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            Path config = dir.resolve("zaqar.conf");
            Files.writeString(config, "[drivers:transport:wsgi]\nport = " + port + "\n" + SqliteServerConfig.stores(dir));

            ToolRun run = ToolRun.run(dir, Main.class, "--config-file", config.toString());

            assertEquals(2, run.exitCode(), run.toString());
            List<String> errors = run.err().lines().filter(line -> !line.isBlank()).toList();
            assertEquals(List.of("zaqar-server: [drivers:transport:wsgi] bind, port: cannot listen on 127.0.0.1:"
                    + port + ": Address already in use"), errors, run.toString());
            assertFalse(run.out().contains("Exception"), run.toString());
            assertFalse(run.out().contains(" ERROR "), run.toString());
        }
    }

    @Test
    void listeningBeyondLoopbackWithoutAuthenticationWarnsLoudly() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        root.addAppender(captured);
        try (ZaqarServer server = ZaqarServer.start(SqliteServerConfig.on(dir, """
                [drivers:transport:wsgi]
                bind = 0.0.0.0
                """), InstantSource.system())) {
            assertTrue(server.port() > 0);
        } finally {
            root.detachAppender(captured);
        }
        List<String> warnings = captured.list.stream().filter(event -> event.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage).filter(line -> line.contains("NO AUTHENTICATION")).toList();
        assertEquals(1, warnings.size(), "one loud warning: " + warnings);
        assertTrue(warnings.get(0).contains("[drivers:transport:wsgi] bind = 0.0.0.0"), warnings.get(0));
    }

    @Test
    void loopbackWithoutAuthenticationIsQuiet() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        root.addAppender(captured);
        try (ZaqarServer server = ZaqarServer.start(SqliteServerConfig.on(dir, ""), InstantSource.system())) {
            assertTrue(server.port() > 0);
        } finally {
            root.detachAppender(captured);
        }
        assertTrue(captured.list.stream().noneMatch(event -> event.getFormattedMessage().contains("NO AUTHENTICATION")));
    }
}
