package org.zaqar.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zaqar.core.config.ZaqarConfig;

/** Guru Meditation reports on a real SIGUSR2 and on a touched trigger file; the server keeps serving. */
class GuruMeditationTest {
    @TempDir
    Path dir;

    private ZaqarConfig config(Path reports, String extra) {
        return SqliteServerConfig.on(dir, """
                [signed_url]
                secret_key = hunter2-secret
                [oslo_reports]
                log_dir = %s
                """.formatted(reports) + extra);
    }

    private static String awaitReport(Path reports) throws Exception {
        for (int i = 0; i < 100; i++) {
            try (var files = Files.list(reports)) {
                List<Path> found = files.filter(f -> f.getFileName().toString()
                        .startsWith("zaqar-server_gurumeditation_")).toList();
                if (!found.isEmpty()) {
                    Thread.sleep(200); // let the writer finish
                    return Files.readString(found.get(0));
                }
            } catch (java.nio.file.NoSuchFileException e) {
                // not created yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no Guru Meditation report in " + reports);
    }

    @Test
    void sigusr2WritesAReportAndTheServerKeepsServing() throws Exception {
        Path reports = dir.resolve("reports");
        CountDownLatch parked = new CountDownLatch(1);
        Thread virtual = Thread.ofVirtual().name("gmr-test-virtual").start(() -> {
            parked.countDown();
            try {
                Thread.sleep(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        parked.await();
        try (ZaqarServer server = ZaqarServer.start(config(reports, ""), InstantSource.system())) {
            Process kill = new ProcessBuilder("kill", "-USR2", Long.toString(ProcessHandle.current().pid()))
                    .inheritIO().start();
            assertEquals(0, kill.waitFor());
            String report = awaitReport(reports);
            assertTrue(report.contains("====                        Guru Meditation"), report);
            assertTrue(report.contains("Package") && report.contains("version = "), report);
            assertTrue(report.contains("message store sqlalchemy: reachable"), report);
            assertTrue(report.contains("heap: used="), report);
            assertTrue(report.contains("gmr-test-virtual"), "virtual threads are in the dump");
            assertTrue(report.contains("[signed_url]") && report.contains("secret_key = ****"), report);
            assertFalse(report.contains("hunter2-secret"), "secrets are masked");

            HttpResponse<String> ping = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/v2/ping"))
                    .header("X-Project-ID", "gmr").header("Client-ID", "3381af92-2b9e-11e3-b191-71861300734c")
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(204, ping.statusCode());
        } finally {
            virtual.interrupt();
        }
    }

    @Test
    void touchingTheTriggerFileWritesAReport() throws Exception {
        Path reports = dir.resolve("file-reports");
        Path trigger = dir.resolve("trigger");
        Files.writeString(trigger, "");
        Files.setLastModifiedTime(trigger, FileTime.from(Instant.now().minusSeconds(60)));
        try (ZaqarServer server = ZaqarServer.start(config(reports,
                "file_event_handler = " + trigger + "\n"), InstantSource.system())) {
            Files.setLastModifiedTime(trigger, FileTime.from(Instant.now()));
            assertTrue(awaitReport(reports).contains("Guru Meditation"));
            assertTrue(server.port() > 0);
        }
    }

    /**
     * Where SIGUSR2 is still HotSpot's thread suspend signal (no _JAVA_SR_SIGNUM, e.g. a plain
     * {@code java -jar}), reports move to SIGUSR1: JFR's sampler suspends threads with that
     * signal many times a second, and each would otherwise write a report.
     */
    @Test
    void withoutTheLaunchersSettingReportsMoveToSigusr1AndProfilingWritesNone() throws Exception {
        Path reports = dir.resolve("jfr-reports");
        Path conf = dir.resolve("zaqar.conf");
        Files.writeString(conf, "[drivers:transport:wsgi]\nport = 0\n[oslo_reports]\nlog_dir = " + reports + "\n"
                + "[drivers:message_store:sqlalchemy]\nuri = sqlite:///" + dir.resolve("jfr.db") + "\n"
                + "[drivers:management_store:sqlalchemy]\nuri = sqlite:///" + dir.resolve("jfr.db") + "\n");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-XX:StartFlightRecording=filename=" + dir.resolve("rec.jfr"),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "--config-file", conf.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile());
        builder.environment().remove("_JAVA_SR_SIGNUM");
        Process server = builder.start();
        try {
            String log = "";
            for (int i = 0; i < 300 && !log.contains("Guru Meditation reports on"); i++) {
                Thread.sleep(100);
                log = Files.readString(dir.resolve("server.log"));
            }
            assertTrue(log.contains("Guru Meditation reports on SIGUSR1"), log);
            Thread.sleep(2000); // JFR samples every 10-20 ms meanwhile
            assertFalse(Files.exists(reports), "no report was asked for");
            assertEquals(0, new ProcessBuilder("kill", "-USR1", Long.toString(server.pid())).start().waitFor());
            assertTrue(awaitReport(reports).contains("Guru Meditation"));
        } finally {
            server.destroy();
            server.waitFor();
        }
    }
}
