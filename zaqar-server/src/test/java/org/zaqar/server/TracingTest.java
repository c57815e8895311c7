package org.zaqar.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.zaqar.core.config.ZaqarConfig;

/** [profiler]: a span per API request, its trace id in the request's log lines. */
class TracingTest {
    @TempDir
    Path dir;

    @Test
    void eachRequestIsASpanWhoseTraceIdIsInTheLogs() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger requests = (Logger) LoggerFactory.getLogger(RequestTracking.class);
        Level previous = requests.getLevel();
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        root.addAppender(captured);
        requests.setLevel(Level.DEBUG);
        String uri = "sqlite:///" + dir.resolve("zaqar.db");
        try (ZaqarServer server = ZaqarServer.start(ZaqarConfig.parse("""
                [drivers:transport:wsgi]
                port = 0
                [drivers:message_store:sqlalchemy]
                uri = %s
                [drivers:management_store:sqlalchemy]
                uri = %s
                [profiler]
                enabled = true
                trace_wsgi_transport = true
                """.formatted(uri, uri)), InstantSource.system())) {
            HttpResponse<String> ping = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/v2/ping"))
                    .header("X-Project-ID", "tracing").header("Client-ID", "3381af92-2b9e-11e3-b191-71861300734c")
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(204, ping.statusCode());
            String requestId = ping.headers().firstValue(RequestTracking.HEADER).orElseThrow();
            ILoggingEvent requestLine = captured.list.stream()
                    .filter(e -> requestId.equals(e.getMDCPropertyMap().get(RequestTracking.LOG_KEY)))
                    .findFirst().orElseThrow();
            String traceId = requestLine.getMDCPropertyMap().get(Tracing.LOG_KEY);
            assertTrue(traceId != null && traceId.matches("[0-9a-f]{32}"), "trace id " + traceId);
            List<String> spans = captured.list.stream().filter(e -> e.getLoggerName().endsWith(".spans"))
                    .map(ILoggingEvent::getFormattedMessage).toList();
            assertTrue(spans.stream().anyMatch(s -> s.startsWith("span 'GET /v2/ping' trace_id=" + traceId)),
                    spans.toString());
        } finally {
            root.detachAppender(captured);
            requests.setLevel(previous);
        }
    }
}
