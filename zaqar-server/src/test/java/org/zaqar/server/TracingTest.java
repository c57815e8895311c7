package org.zaqar.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.zaqar.api.RequestTracking;
import org.zaqar.core.config.ZaqarConfig;
import org.zaqar.core.error.ZaqarException;

/**
 * [profiler]: a span per API request, its trace id in the request's log lines, a child span per
 * store call, and OTLP/HTTP export to a collector the test starts.
 */
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
        try (ZaqarServer server = ZaqarServer.start(config(""), InstantSource.system())) {
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

    private static HttpResponse<String> send(ZaqarServer server, String method, String path, String body)
            throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + path))
                .header("X-Project-ID", "tracing").header("Client-ID", "3381af92-2b9e-11e3-b191-71861300734c")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private ZaqarConfig config(String profiler) {
        return SqliteServerConfig.on(dir, """
                [profiler]
                enabled = true
                trace_wsgi_transport = true
                """ + profiler);
    }

    @Test
    void eachStoreCallOfARequestIsAChildSpan() throws Exception {
        Logger spans = (Logger) LoggerFactory.getLogger(Tracing.class.getName() + ".spans");
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        spans.addAppender(captured);
        try (ZaqarServer server = ZaqarServer.start(config("trace_message_store = true\n"),
                InstantSource.system())) {
            assertEquals(201, send(server, "POST", "/v2/queues/traced/messages",
                    "{\"messages\": [{\"ttl\": 60, \"body\": 1}]}").statusCode());
        } finally {
            spans.detachAppender(captured);
        }
        List<String> lines = captured.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        Matcher request = Pattern.compile("span 'POST /v2/queues/\\{queue_name}/messages' trace_id=(\\w+) "
                + "span_id=(\\w+)").matcher(String.join("\n", lines));
        assertTrue(request.find(), lines.toString());
        String child = "span 'sqlalchemy post_messages' trace_id=" + request.group(1) + " span_id=";
        assertTrue(lines.stream().anyMatch(line -> line.startsWith(child)
                && line.contains(" parent=" + request.group(2) + " ")), lines.toString());
    }

    @Test
    void storeCallsAreNotSpansUnlessAskedFor() throws Exception {
        Logger spans = (Logger) LoggerFactory.getLogger(Tracing.class.getName() + ".spans");
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        spans.addAppender(captured);
        try (ZaqarServer server = ZaqarServer.start(config(""), InstantSource.system())) {
            assertEquals(201, send(server, "POST", "/v2/queues/traced/messages",
                    "{\"messages\": [{\"ttl\": 60, \"body\": 1}]}").statusCode());
        } finally {
            spans.detachAppender(captured);
        }
        List<String> lines = captured.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("span 'POST ")), lines.toString());
        assertTrue(lines.stream().noneMatch(line -> line.contains("post_messages")), lines.toString());
    }

    /** A collector stand-in: takes OTLP/HTTP posts to /v1/traces and keeps what arrived. */
    private static final class Collector implements AutoCloseable {
        final List<String> contentTypes = new CopyOnWriteArrayList<>();
        final List<byte[]> bodies = new CopyOnWriteArrayList<>();
        final HttpServer server;

        Collector() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/v1/traces", exchange -> {
                try (exchange) {
                    if (exchange.getRequestMethod().equals("POST")) {
                        contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
                        bodies.add(exchange.getRequestBody().readAllBytes());
                    }
                    exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
                    exchange.sendResponseHeaders(200, -1);
                }
            });
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        /** Whether some export holds these bytes (protobuf keeps strings and ids as they are). */
        boolean received(byte[] wanted) {
            return bodies.stream().anyMatch(body -> indexOf(body, wanted) >= 0);
        }

        private static int indexOf(byte[] body, byte[] wanted) {
            outer:
            for (int i = 0; i + wanted.length <= body.length; i++) {
                for (int j = 0; j < wanted.length; j++) {
                    if (body[i + j] != wanted[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    private void assertExported(Collector collector, String profiler) throws Exception {
        String requestId;
        String traceId;
        Logger spans = (Logger) LoggerFactory.getLogger(Tracing.class.getName() + ".spans");
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        spans.addAppender(captured);
        try (ZaqarServer server = ZaqarServer.start(config(profiler), InstantSource.system())) {
            HttpResponse<String> ping = send(server, "GET", "/v2/ping", null);
            assertEquals(204, ping.statusCode());
            requestId = ping.headers().firstValue(RequestTracking.HEADER).orElseThrow();
        } finally {
            spans.detachAppender(captured);
        }
        // Closing the server flushed the exporter.
        Matcher span = Pattern.compile("span 'GET /v2/ping' trace_id=(\\w+)").matcher(captured.list.stream()
                .map(ILoggingEvent::getFormattedMessage).reduce("", String::concat));
        assertTrue(span.find());
        traceId = span.group(1);
        assertFalse(collector.bodies.isEmpty(), "spans were exported");
        assertTrue(collector.contentTypes.stream().allMatch("application/x-protobuf"::equals),
                collector.contentTypes.toString());
        assertTrue(collector.received("GET /v2/ping".getBytes(StandardCharsets.UTF_8)), "the request span");
        assertTrue(collector.received(HexFormat.of().parseHex(traceId)), "its trace id");
        assertTrue(collector.received(requestId.getBytes(StandardCharsets.UTF_8)), "its request id attribute");
        assertTrue(collector.received("zaqar-server".getBytes(StandardCharsets.UTF_8)), "the service name");
    }

    @Test
    void spansAreExportedOverOtlpHttp() throws Exception {
        try (Collector collector = new Collector()) {
            assertExported(collector, "otlp_endpoint = http://127.0.0.1:" + collector.port() + "/v1/traces\n");
        }
    }

    @Test
    void osprofilersOtlpConnectionStringExportsToo() throws Exception {
        try (Collector collector = new Collector()) {
            assertExported(collector, "connection_string = otlp://127.0.0.1:" + collector.port() + "\n");
        }
    }

    @Test
    void anOtlpEndpointThatIsNoUrlFailsTheStart() {
        ZaqarException error = assertThrows(ZaqarException.class, () -> ZaqarServer.start(
                config("otlp_endpoint = collector:4318\n"), InstantSource.system()));
        assertTrue(error.getMessage().contains("[profiler] otlp_endpoint = 'collector:4318'"), error.getMessage());
    }
}
