package org.zaqar.storage.swift;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;

/**
 * A single-node Swift for tests: Debian's swift-proxy, -account, -container and -object servers
 * started as child processes on free ports of 127.0.0.1, with rings of one replica built by
 * swift-ring-builder over a temporary directory as the only device, tempauth in the proxy
 * ({@code test:tester} / {@code testing}), stopped when the JVM exits.
 *
 * <p>tempauth keeps its tokens in {@code swift.cache}, normally memcached; the proxy gets a
 * process-local dictionary instead ({@code zaqar_test_cache.py}), one server fewer to run.
 * Without the swift binaries the tests are skipped, unless {@code ZAQAR_TEST_REQUIRE_SWIFT=1}
 * (set by CI) makes that a failure.
 */
public final class SwiftTestServer {
    public static final String USER = "tester";
    public static final String PASSWORD = "testing";
    public static final String ACCOUNT = "test";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static SwiftTestServer shared;

    private final Path directory;
    private final int proxyPort;
    private final List<Process> processes = new ArrayList<>();

    private SwiftTestServer(Path directory, int proxyPort) {
        this.directory = directory;
        this.proxyPort = proxyPort;
    }

    /** The one server of this JVM, started on first use. */
    public static synchronized SwiftTestServer shared() {
        if (shared == null) {
            if (!Files.isExecutable(Path.of("/usr/bin/swift-proxy-server"))
                    || !Files.isExecutable(Path.of("/usr/bin/swift-object-server"))) {
                String reason = "Swift is not installed (apt-get install swift-proxy swift-account swift-container "
                        + "swift-object)";
                if ("1".equals(System.getenv("ZAQAR_TEST_REQUIRE_SWIFT"))) {
                    throw new IllegalStateException(reason + " and ZAQAR_TEST_REQUIRE_SWIFT=1");
                }
                Assumptions.abort(reason);
            }
            try {
                shared = start();
            } catch (IOException e) {
                throw new IllegalStateException("Could not start Swift: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while starting Swift", e);
            }
        }
        return shared;
    }

    /** The tempauth URL the driver's {@code auth_url} names. */
    public String authUrl() {
        return "http://127.0.0.1:" + proxyPort + "/auth/v1.0";
    }

    /** The driver's section: {@code uri} and {@code auth_url} of this server. */
    public Map<String, String> driverOptions() {
        return Map.of("uri", "swift://" + USER + ":" + PASSWORD + "@/" + ACCOUNT, "auth_url", authUrl());
    }

    public int proxyPort() {
        return proxyPort;
    }

    private static SwiftTestServer start() throws IOException, InterruptedException {
        Path directory = Files.createTempDirectory("zaqar-swift-");
        Files.createDirectories(directory.resolve("devices/d1"));
        Path python = Files.createDirectories(directory.resolve("python"));
        try (InputStream cache = SwiftTestServer.class.getResourceAsStream("zaqar_test_cache.py")) {
            Files.copy(cache, python.resolve("zaqar_test_cache.py"));
        }
        Files.writeString(directory.resolve("swift.conf"), """
                [swift-hash]
                swift_hash_path_suffix = zaqar-test
                swift_hash_path_prefix = zaqar-test
                [storage-policy:0]
                name = Policy-0
                default = yes
                """);
        int proxyPort = freePort();
        SwiftTestServer server = new SwiftTestServer(directory, proxyPort);
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "swift-test-server-stop"));
        Map<String, String> apps = Map.of("account", "account", "container", "container", "object", "object");
        for (String kind : List.of("account", "container", "object")) {
            int port = freePort();
            server.buildRing(kind, port);
            server.writeConfig(kind, port, "[pipeline:main]\npipeline = " + kind + "-server\n[app:" + kind
                    + "-server]\nuse = egg:swift#" + apps.get(kind) + "\n");
        }
        server.writeConfig("proxy", proxyPort, """
                [pipeline:main]
                pipeline = catch_errors cache tempauth proxy-server
                [app:proxy-server]
                use = egg:swift#proxy
                account_autocreate = true
                [filter:tempauth]
                use = egg:swift#tempauth
                user_test_tester = testing .admin
                [filter:cache]
                paste.filter_factory = zaqar_test_cache:filter_factory
                [filter:catch_errors]
                use = egg:swift#catch_errors
                """);
        for (String kind : List.of("account", "container", "object", "proxy")) {
            server.launch(kind);
        }
        server.awaitAuth();
        return server;
    }

    private void buildRing(String kind, int port) throws IOException, InterruptedException {
        String builder = directory.resolve(kind + ".builder").toString();
        run("swift-ring-builder", builder, "create", "6", "1", "1");
        run("swift-ring-builder", builder, "add", "r1z1-127.0.0.1:" + port + "/d1", "1");
        run("swift-ring-builder", builder, "rebalance");
    }

    private void writeConfig(String kind, int port, String pipeline) throws IOException {
        // As root, Swift drops privileges to "user": root keeps the temporary directory writable.
        String user = "root".equals(System.getProperty("user.name")) ? "root" : System.getProperty("user.name");
        Files.writeString(directory.resolve(kind + "-server.conf"), """
                [DEFAULT]
                bind_ip = 127.0.0.1
                bind_port = %d
                workers = 0
                user = %s
                swift_dir = %s
                devices = %s
                mount_check = false
                log_level = WARNING
                """.formatted(port, user, directory, directory.resolve("devices")) + pipeline);
    }

    private void launch(String kind) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("/usr/bin/swift-" + kind + "-server",
                directory.resolve(kind + "-server.conf").toString())
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve(kind + ".log").toFile());
        builder.environment().put("PYTHONPATH", directory.resolve("python").toString());
        processes.add(builder.start());
    }

    private void awaitAuth() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        HttpRequest request = HttpRequest.newBuilder(URI.create(authUrl())).timeout(Duration.ofSeconds(5))
                .header("X-Auth-User", ACCOUNT + ":" + USER).header("X-Auth-Key", PASSWORD).GET().build();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            for (Process process : processes) {
                if (!process.isAlive()) {
                    throw new IOException("a swift server exited with " + process.exitValue() + "; see the logs in "
                            + directory);
                }
            }
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = "HTTP " + response.statusCode();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(250);
        }
        throw new IOException("Swift did not authenticate within " + START_TIMEOUT.toSeconds() + " s (" + last
                + "); see the logs in " + directory);
    }

    private void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }

    private void stop() {
        processes.forEach(Process::destroy);
        for (Process process : processes) {
            try {
                if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory: the system cleans it up eventually
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
