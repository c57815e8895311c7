package org.zaqar.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.File;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zaqar.core.config.ZaqarConfig;

/** [oslo_policy] policy_file is found as oslo.config finds it: next to the config files, not in the working directory. */
class PolicyFileLookupTest {
    private static final String CLIENT_ID = "3381af92-2b9e-11e3-b191-71861300734c";

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    private static ZaqarConfig load(Path... files) {
        return ZaqarConfig.load(List.of(files));
    }

    @Test
    void theServerReadsThePolicyBesideItsConfigFileWhateverItsWorkingDirectory() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path config = write("conf/zaqar.conf", """
                [drivers:transport:wsgi]
                bind = 127.0.0.1
                port = %d
                """.formatted(port) + SqliteServerConfig.stores(dir));
        write("conf/policy.yaml", "queues:get_all: \"!\"\n");
        // The working directory has a policy file of its own, which oslo.config would not look at.
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        write("elsewhere/policy.yaml", "queues:get: \"!\"\n");
        assertNotEquals(config.getParent(), elsewhere);

        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "--config-file", config.toString()));
        File log = dir.resolve("server.log").toFile();
        Process server = new ProcessBuilder(command).directory(elsewhere.toFile()).redirectErrorStream(true)
                .redirectOutput(log).start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + port;
            waitUntilServing(http, base, server, log);
            assertEquals(403, get(http, base + "/v2/queues").statusCode(), Files.readString(log.toPath()));
            assertNotEquals(403, get(http, base + "/v2/queues/anything").statusCode());
        } finally {
            server.destroy();
            server.waitFor();
        }
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Client-ID", CLIENT_ID)
                .header("X-Project-ID", "lookup").build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void waitUntilServing(HttpClient http, String base, Process server, File log) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (true) {
            try {
                http.send(HttpRequest.newBuilder(URI.create(base + "/")).build(), HttpResponse.BodyHandlers.discarding());
                return;
            } catch (ConnectException notYet) {
                if (!server.isAlive() || Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("zaqar-server did not start: " + Files.readString(log.toPath()));
                }
                Thread.sleep(200);
            }
        }
    }

    @Test
    void theLastConfigFilesDirectoryIsSearchedFirst() throws IOException {
        Path first = write("a/zaqar.conf", "[DEFAULT]\n");
        Path second = write("b/zaqar.conf", "[DEFAULT]\n");
        write("a/policy.yaml", "{}");
        assertEquals(dir.resolve("a/policy.yaml"), SecurityOptions.policyFile(load(first, second)));
        Path policy = write("b/policy.yaml", "{}");
        assertEquals(policy, SecurityOptions.policyFile(load(first, second)));
        Path named = write("a/rules/custom.yaml", "{}");
        assertEquals(named, SecurityOptions.policyFile(load(write("a/named.conf",
                "[oslo_policy]\npolicy_file = rules/custom.yaml\n"))));
    }

    @Test
    void anOldPolicyJsonIsUsedOnlyInPlaceOfTheDefaultName() throws IOException {
        Path config = write("c/zaqar.conf", "[DEFAULT]\n");
        Path json = write("c/policy.json", "{}");
        assertEquals(json, SecurityOptions.policyFile(load(config)));
        assertNull(SecurityOptions.policyFile(load(write("c/explicit.conf", "[oslo_policy]\npolicy_file = policy.yaml\n"))),
                "a policy_file set explicitly gets no fallback");
        assertNull(SecurityOptions.policyFile(load(write("c/absolute.conf",
                "[oslo_policy]\npolicy_file = " + dir.resolve("missing.yaml") + "\n"))));
    }
}
