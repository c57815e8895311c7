package org.zaqar.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two API nodes as processes of their own on one store; one is killed with SIGKILL while
 * clients post through it. Every message it acknowledged with a 201 is then claimed through the
 * other node: an acknowledged post is durable in the store, whatever happens to the node after.
 */
class NodeCrashTest {
    private static final Pattern SERVING = Pattern.compile("Zaqar serving wsgi on port (\\d+)");
    private static final int POSTERS = 8;

    @TempDir
    Path dir;

    /** One server process, started from this JVM's class path as the launcher would run it. */
    private record NodeProcess(Process process, int port, Path log) {
        static NodeProcess start(Path config, Path log) throws Exception {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder builder = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED",
                    "-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                    "--config-file", config.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("ZAQAR_LOG_LEVEL", "INFO");
            Process process = builder.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline && process.isAlive()) {
                Matcher serving = SERVING.matcher(Files.readString(log));
                if (serving.find()) {
                    return new NodeProcess(process, Integer.parseInt(serving.group(1)), log);
                }
                Thread.sleep(100);
            }
            process.destroyForcibly();
            throw new AssertionError("the node did not start within 60 s:\n" + Files.readString(log));
        }

        void kill9() throws Exception {
            assertEquals(0, new ProcessBuilder("kill", "-KILL", Long.toString(process.pid())).start().waitFor());
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "killed node exited");
        }

        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.zaqar.server.SharedStore#all")
    void aNodeKilledMidLoadLosesNoAcknowledgedMessage(SharedStore store) throws Exception {
        Path config = dir.resolve("zaqar.conf");
        Files.writeString(config, "[drivers:transport:wsgi]\nport = 0\n" + SharedStore.sections(store.open()));
        ProjectClient client = new ProjectClient("crash");
        NodeProcess victim = NodeProcess.start(config, dir.resolve("victim.log"));
        NodeProcess survivor = null;
        try {
            survivor = NodeProcess.start(config, dir.resolve("survivor.log"));
            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            ExecutorService posters = Executors.newFixedThreadPool(POSTERS);
            List<Future<Integer>> posting = new ArrayList<>();
            try {
                for (int poster = 0; poster < POSTERS; poster++) {
                    posting.add(posters.submit(() -> postUntilRefused(client, victim.port(), acknowledged)));
                }
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (acknowledged.size() < 400 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertTrue(acknowledged.size() >= 400, "the victim took posts: " + acknowledged.size());
                victim.kill9();
                for (Future<Integer> poster : posting) {
                    poster.get(60, TimeUnit.SECONDS);
                }
            } finally {
                posters.shutdownNow();
            }

            Set<String> stored = new HashSet<>();
            int duplicates = 0;
            for (int claims = 0; claims < 1000; claims++) {
                JsonNode claimed = client.claim(survivor.port(), "load", 20, 300);
                if (claimed.isEmpty()) {
                    break;
                }
                for (JsonNode message : claimed) {
                    duplicates += stored.add(message.path("id").asText()) ? 0 : 1;
                }
            }
            Set<String> lost = new HashSet<>(acknowledged);
            lost.removeAll(stored);
            assertEquals(Set.of(), lost, "acknowledged messages missing after the kill");
            assertEquals(0, duplicates, "messages claimed twice");
            System.out.printf("%s: %d messages acknowledged before SIGKILL, all %d found through the other node"
                    + " (%d stored but unanswered), 0 duplicates%n", store, acknowledged.size(), acknowledged.size(),
                    stored.size() - acknowledged.size());
        } finally {
            victim.process().destroyForcibly();
            if (survivor != null) {
                survivor.stop();
            }
        }
    }

    /**
     * Posts two messages at a time, recording the ids of each 201, until the node stops
     * answering; answers how many posts it made. Any answer but a 201 fails the test.
     */
    private static int postUntilRefused(ProjectClient client, int port, Set<String> acknowledged) {
        for (int batch = 0; batch < 100_000; batch++) {
            try {
                acknowledged.addAll(client.post(port, "load", 2, 600));
            } catch (IOException e) {
                return batch; // the node is gone
            }
        }
        throw new AssertionError("the node still answers after 100000 posts");
    }
}
