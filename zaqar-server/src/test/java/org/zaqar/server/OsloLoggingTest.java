package org.zaqar.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.zaqar.api.RequestTracking;
import org.zaqar.core.config.ZaqarConfig;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.server.logging.OsloLogging;

/**
 * oslo.log's [DEFAULT] options configure the server's logging as upstream's do: each test sets
 * options, starts a real server, sends a request and reads what an operator would read.
 */
class OsloLoggingTest {
    private static final LoggerContext LOGBACK = (LoggerContext) LoggerFactory.getILoggerFactory();
    /** The logger of the one line each request logs. */
    private static final String ACCESS_LOGGER = "org.zaqar.api.access";

    @TempDir
    Path dir;

    @AfterEach
    void restoreLogging() throws Exception {
        LOGBACK.reset();
        new ContextInitializer(LOGBACK).autoConfig();
    }

    /** Applies {@code defaults} ([DEFAULT] lines), serves one POST and returns its request id. */
    private String serveOneRequest(String defaults, InetSocketAddress syslog) throws Exception {
        ZaqarConfig config = SqliteServerConfig.on(dir, "[DEFAULT]\n" + defaults);
        OsloLogging.from(config.defaults(), Map.of()).apply(LOGBACK, "zaqar-server", syslog);
        try (ZaqarServer server = ZaqarServer.start(config, InstantSource.system())) {
            HttpResponse<String> posted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/v2/queues/logged/messages"))
                    .header("X-Project-ID", "logging").header("Client-ID", "3381af92-2b9e-11e3-b191-71861300734c")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"messages\": [{\"body\": 1}]}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(201, posted.statusCode());
            return posted.headers().firstValue(RequestTracking.HEADER).orElseThrow();
        }
    }

    private String serveOneRequest(String defaults) throws Exception {
        return serveOneRequest(defaults, OsloLogging.LOCAL_SYSLOG);
    }

    @Test
    void logFileUnderLogDirWithDebugAndDateFormat() throws Exception {
        String requestId = serveOneRequest("""
                log_dir = %s
                log_file = zaqar.log
                debug = true
                log_date_format = %%d/%%m/%%Y %%Hh%%M
                """.formatted(dir.resolve("logs")));
        List<String> lines = Files.readAllLines(dir.resolve("logs/zaqar.log"));
        String request = lines.stream().filter(line -> line.contains(requestId) && line.contains(ACCESS_LOGGER))
                .findFirst().orElseThrow(() -> new AssertionError("no access line with " + requestId + " in " + lines));
        // upstream's context format: time.msecs pid LEVEL logger [global-id request-id user] message
        assertTrue(request.matches("\\d\\d/\\d\\d/\\d{4} \\d\\dh\\d\\d\\.\\d{3} \\d+ INFO " + ACCESS_LOGGER + " \\[- "
                + requestId + " -] 127.0.0.1 \"POST /v2/queues/logged/messages HTTP/1.1\" status: 201 .*"), request);
        assertTrue(lines.stream().anyMatch(line -> line.contains(" INFO org.zaqar.server.ZaqarServer [-] Zaqar serving")),
                "lines without a request use the default format: " + lines);
    }

    @Test
    void logDirAloneDefaultLogLevelsAndUnsupportedOptions() throws Exception {
        serveOneRequest("""
                log_dir = %s
                default_log_levels = org.zaqar.server.ZaqarServer=WARNING,amqp=WARN
                watch_log_file = true
                logging_default_format_string = %%(levelname)s %%(name)s %%(no_such_field)s%%(message)s
                """.formatted(dir));
        String log = Files.readString(dir.resolve("zaqar-server.log"));
        assertFalse(log.contains("Zaqar serving"), "ZaqarServer's INFO lines are silenced:\n" + log);
        assertTrue(log.contains("WARNING org.zaqar.server.logging.OsloLogging watch_log_file = true is not supported"),
                log);
        assertTrue(log.contains("%(no_such_field)s has no equivalent here"), log);
    }

    @Test
    void useJsonWritesOneObjectPerLineWithTheRequestContext() throws Exception {
        Path file = dir.resolve("zaqar.json.log");
        String requestId = serveOneRequest("log_file = " + file + "\nuse_json = true\ndebug = true\n");
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            lines.add(json.readTree(line));
        }
        JsonNode request = lines.stream().filter(line -> requestId.equals(line.path("context").path("request_id").asText()))
                .filter(line -> line.path("name").asText().equals(ACCESS_LOGGER))
                .findFirst().orElseThrow(() -> new AssertionError("no access line with " + requestId + ": " + lines));
        assertEquals("INFO", request.get("levelname").asText());
        assertEquals(20, request.get("levelno").asInt());
        assertTrue(request.get("message").asText().startsWith("127.0.0.1 \"POST /v2/queues/logged/messages HTTP/1.1\" "
                + "status: 201 "), request.toString());
        assertTrue(request.get("asctime").asText().matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"), request.toString());
        assertEquals(ProcessHandle.current().pid(), request.get("process").asLong());
    }

    @Test
    void useSyslogSendsTheFacilityPriority() throws Exception {
        try (DatagramSocket receiver = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            receiver.setSoTimeout(5000);
            serveOneRequest("log_file = " + dir.resolve("zaqar.log") + "\nuse_syslog = true\n"
                    + "syslog_log_facility = LOG_LOCAL0\n",
                    new InetSocketAddress("127.0.0.1", receiver.getLocalPort()));
            List<String> received = new ArrayList<>();
            byte[] buffer = new byte[8192];
            try {
                while (received.stream().noneMatch(message -> message.contains("Zaqar serving"))) {
                    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                    receiver.receive(packet);
                    received.add(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8));
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError("no 'Zaqar serving' line among " + received, e);
            }
            String serving = received.stream().filter(message -> message.contains("Zaqar serving")).findFirst().orElseThrow();
            // LOG_LOCAL0 is facility 16, INFO severity 6: 16 * 8 + 6
            assertTrue(serving.startsWith("<134>"), serving);
        }
        assertTrue(Files.readString(dir.resolve("zaqar.log")).contains("Zaqar serving"), "the file gets the lines too");
    }

    @Test
    void logConfigAppendTakesPythonLoggersHandlersAndFormatters() throws Exception {
        Path pythonConfig = Files.writeString(dir.resolve("logging.conf"), """
                [loggers]
                keys = root, requests

                [handlers]
                keys = plain, json, errors

                [formatters]
                keys = short, json

                [logger_root]
                level = INFO
                handlers = plain, errors

                [logger_requests]
                qualname = org.zaqar.api.access
                level = INFO
                handlers = json
                propagate = 0

                [handler_plain]
                class = handlers.RotatingFileHandler
                args = ('%1$s/plain.log', 'a', 1048576, 3)
                formatter = short

                [handler_json]
                class = FileHandler
                args = ('%1$s/requests.json',)
                formatter = json

                [handler_errors]
                class = oslo_messaging.notify.log_handler.PublishErrorsHandler
                args = (logging.ERROR,)

                [formatter_short]
                format = %%(levelname)s %%(name)s: %%(message)s

                [formatter_json]
                class = oslo_log.formatters.JSONFormatter
                """.formatted(dir));
        String requestId = serveOneRequest("log_config_append = " + pythonConfig + "\nlog_file = " + dir.resolve("not.log"));
        String plain = Files.readString(dir.resolve("plain.log"));
        assertTrue(plain.contains("INFO org.zaqar.server.ZaqarServer: Zaqar serving"), plain);
        assertFalse(plain.contains(requestId), "propagate = 0 keeps request lines out of the root's file:\n" + plain);
        assertTrue(plain.contains("WARNING org.zaqar.server.logging.OsloLogging: log_config_append " + pythonConfig
                + ": ignored [handler_plain] rotation of handlers.RotatingFileHandler (the file is appended to); "
                + "[handler_errors] class oslo_messaging.notify.log_handler.PublishErrorsHandler"), plain);
        JsonNode request = new ObjectMapper().readTree(Files.readAllLines(dir.resolve("requests.json")).get(0));
        assertEquals(requestId, request.path("context").path("request_id").asText(), request.toString());
        assertFalse(Files.exists(dir.resolve("not.log")), "log_file is ignored with log_config_append");
    }

    @Test
    void aFacilityOsloLogDoesNotKnowStopsTheStart() {
        ZaqarException error = assertThrows(ZaqarException.class, () -> OsloLogging.from(
                ZaqarConfig.parse("[DEFAULT]\nuse_syslog = true\nsyslog_log_facility = LOG_NOPE\n").defaults(),
                Map.of()).apply(LOGBACK, "zaqar-server", OsloLogging.LOCAL_SYSLOG));
        assertTrue(error.getMessage().contains("syslog_log_facility = 'LOG_NOPE' is not one of LOG_KERN"),
                error.getMessage());
    }
    @Test
    void withoutAFileLinesGoToStandardOutputOrWithUseStderrToStandardError() throws Exception {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream capturedOut = new ByteArrayOutputStream();
        ByteArrayOutputStream capturedErr = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(capturedOut, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(capturedErr, true, StandardCharsets.UTF_8));
            serveOneRequest("");
            assertTrue(capturedOut.toString(StandardCharsets.UTF_8).contains("Zaqar serving"), capturedOut.toString());
            assertFalse(capturedErr.toString(StandardCharsets.UTF_8).contains("Zaqar serving"), capturedErr.toString());
            capturedOut.reset();
            serveOneRequest("use_stderr = true");
            assertTrue(capturedErr.toString(StandardCharsets.UTF_8).contains("Zaqar serving"), capturedErr.toString());
            assertFalse(capturedOut.toString(StandardCharsets.UTF_8).contains("Zaqar serving"), capturedOut.toString());
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    /** The command line of upstream's systemd unit starts ours: --log-file and --debug take effect. */
    @Test
    void logFileAndDebugFlagsOnTheCommandLine() throws Exception {
        Path config = Files.writeString(dir.resolve("zaqar.conf"), SqliteServerConfig.stores(dir) + """
                [drivers:transport:wsgi]
                port = 0
                """);
        Path log = dir.resolve("log/zaqar.log");
        Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "--config-file", config.toString(), "--log-file", log.toString(), "--debug")
                .redirectOutput(dir.resolve("out").toFile()).redirectError(dir.resolve("err").toFile()).start();
        try {
            String written = "";
            for (int i = 0; i < 600 && !written.contains("Zaqar serving"); i++) {
                assertTrue(server.isAlive(), () -> "server exited: " + read(dir.resolve("err")));
                Thread.sleep(100);
                written = Files.exists(log) ? Files.readString(log) : "";
            }
            assertTrue(written.contains("Zaqar serving"), written);
            assertTrue(written.contains(" DEBUG "), "--debug logs DEBUG lines:\n" + written);
            assertEquals("", read(dir.resolve("out")), "with a log file nothing goes to standard output");
        } finally {
            server.destroy();
            server.waitFor();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
