package org.zaqar.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.zaqar.api.RequestTracking;

/**
 * Every request logs one access line at INFO (client, method, path, status, bytes, time, project,
 * request id) in its request's log context, keeps another service's global request id, and logs
 * never secrets or bodies at INFO.
 */
class LoggingTest {
    private static final String ACCESS_LOGGER = "org.zaqar.api.access";
    private static final String GLOBAL_ID = "req-5f1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d";

    @TempDir
    Path dir;

    @Test
    void eachRequestLogsOneAccessLineWithItsIdsAndNoSecretsOrBodies() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger access = (Logger) LoggerFactory.getLogger(ACCESS_LOGGER);
        Level previous = access.getLevel();
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        root.addAppender(captured);
        access.setLevel(Level.INFO);
        try (ZaqarServer server = ZaqarServer.start(SqliteServerConfig.on(dir, """
                [signed_url]
                secret_key = hunter2-secret
                """), InstantSource.system())) {
            HttpResponse<String> posted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/v2/queues/logged/messages"))
                    .header("X-Project-ID", "logging").header("Client-ID", "3381af92-2b9e-11e3-b191-71861300734c")
                    .header("Content-Type", "application/json").header("X-OpenStack-Request-ID", GLOBAL_ID)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"messages\": [{\"body\": \"top-secret-body\"}]}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(201, posted.statusCode());
            String requestId = posted.headers().firstValue(RequestTracking.HEADER).orElseThrow();
            List<ILoggingEvent> accessLines = awaitAccessLines(captured, requestId);
            assertEquals(1, accessLines.size(), "one access line per request: " + accessLines);
            ILoggingEvent line = accessLines.get(0);
            assertEquals(Level.INFO, line.getLevel());
            String expected = "127.0.0.1 \"POST /v2/queues/logged/messages HTTP/1.1\" status: 201 len: "
                    + posted.body().length() + " time: \\d+\\.\\d{4} project: logging request_id: " + requestId;
            assertTrue(Pattern.matches(expected, line.getFormattedMessage()), line.getFormattedMessage());
            assertEquals(GLOBAL_ID, line.getMDCPropertyMap().get("global_request_id"),
                    "the calling service's id is the global request id of the log context");
        } finally {
            root.detachAppender(captured);
            access.setLevel(previous);
        }
        for (ILoggingEvent event : captured.list) {
            String line = event.getFormattedMessage();
            assertFalse(line.contains("hunter2-secret"), line);
            assertFalse(line.contains("top-secret-body"), line);
        }
    }

    /** The access line is written once the response went out, so it may follow the response by a moment. */
    private static List<ILoggingEvent> awaitAccessLines(ListAppender<ILoggingEvent> captured, String requestId)
            throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            List<ILoggingEvent> lines;
            synchronized (captured) {
                lines = List.copyOf(captured.list).stream()
                        .filter(event -> event.getLoggerName().equals(ACCESS_LOGGER))
                        .filter(event -> requestId.equals(event.getMDCPropertyMap().get(RequestTracking.LOG_KEY)))
                        .toList();
            }
            if (!lines.isEmpty() || System.nanoTime() > deadline) {
                return lines;
            }
            Thread.sleep(20);
        }
    }
}
