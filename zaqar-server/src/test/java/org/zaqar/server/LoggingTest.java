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

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.zaqar.api.RequestTracking;

/** Logs carry the request id of the request they belong to, and never secrets or bodies at INFO. */
class LoggingTest {
    @TempDir
    Path dir;

    @Test
    void requestLogsCarryTheRequestIdAndNoSecretsOrBodies() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger requests = (Logger) LoggerFactory.getLogger(RequestTracking.class);
        Level previous = requests.getLevel();
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        root.addAppender(captured);
        requests.setLevel(Level.DEBUG);
        try (ZaqarServer server = ZaqarServer.start(SqliteServerConfig.on(dir, """
                [signed_url]
                secret_key = hunter2-secret
                """), InstantSource.system())) {
            HttpResponse<String> posted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/v2/queues/logged/messages"))
                    .header("X-Project-ID", "logging").header("Client-ID", "3381af92-2b9e-11e3-b191-71861300734c")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"messages\": [{\"body\": \"top-secret-body\"}]}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(201, posted.statusCode());
            String requestId = posted.headers().firstValue(RequestTracking.HEADER).orElseThrow();
            List<ILoggingEvent> ofRequest = captured.list.stream()
                    .filter(event -> requestId.equals(event.getMDCPropertyMap().get(RequestTracking.LOG_KEY)))
                    .toList();
            assertFalse(ofRequest.isEmpty(), "a log line carries " + requestId);
            assertTrue(ofRequest.get(0).getFormattedMessage().contains("POST /v2/queues/logged/messages 201"),
                    ofRequest.get(0).getFormattedMessage());
        } finally {
            root.detachAppender(captured);
            requests.setLevel(previous);
        }
        for (ILoggingEvent event : captured.list) {
            String line = event.getFormattedMessage();
            assertFalse(line.contains("hunter2-secret"), line);
            assertFalse(line.contains("top-secret-body"), line);
        }
    }
}
