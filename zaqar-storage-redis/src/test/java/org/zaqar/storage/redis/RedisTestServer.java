package org.zaqar.storage.redis;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.zaqar.core.config.ConfigSection;
import org.zaqar.core.config.ZaqarConfig;
import org.zaqar.core.storage.MessageEvents;
import org.zaqar.core.storage.MessageStorage;
import org.zaqar.core.storage.StorageContext;

/**
 * A real redis-server for tests, without persistence, on a free port: the {@code redis-server}
 * on PATH when there is one, otherwise the Linux binary shipped in the embedded-redis test
 * dependency (forced with {@code ZAQAR_TEST_REDIS=embedded}), so {@code mvn verify} needs nothing
 * but a JDK and Maven. {@link #shared()} is started once per JVM and stopped when the JVM exits.
 */
public final class RedisTestServer {
    private static RedisTestServer shared;

    private final Path binary;
    private final int port;
    private final List<String> arguments;
    private Process process;
    private boolean frozen;

    private RedisTestServer(Path binary, int port, List<String> arguments) {
        this.binary = binary;
        this.port = port;
        this.arguments = arguments;
    }

    /** The URI of {@link #shared()}, for tests of other modules. */
    public static String sharedUri() {
        return "redis://127.0.0.1:" + shared().port();
    }

    static synchronized RedisTestServer shared() {
        if (shared == null) {
            shared = startNew();
        }
        return shared;
    }

    /** A server of its own, for tests that stop and restart it. */
    static RedisTestServer startNew(String... extraArguments) {
        int port = freePort();
        // a directory of its own: a replica's full sync writes an RDB file even without "save",
        // and a server started in a directory holding one would load it
        List<String> arguments = new ArrayList<>(List.of("--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--daemonize", "no", "--dir", scratchDirectory(port)));
        arguments.addAll(List.of(extraArguments));
        return startProcess(port, arguments);
    }

    /** A Sentinel (redis-server in sentinel mode) watching {@code master} under the given name. */
    static RedisTestServer startSentinel(RedisTestServer master, String masterName) {
        return startSentinel(master, masterName, "");
    }

    /** A Sentinel as above, with more lines for its configuration file (passwords). */
    static RedisTestServer startSentinel(RedisTestServer master, String masterName, String extraConfiguration) {
        int port = freePort();
        try {
            Path config = Files.createTempFile("sentinel-" + port + "-", ".conf");
            config.toFile().deleteOnExit();
            // quick failure detection and failover, for the failover test
            Files.writeString(config, "port " + port + "\nbind 127.0.0.1\ndaemonize no\ndir " + scratchDirectory(port) + "\n"
                    + "sentinel monitor " + masterName + " 127.0.0.1 " + master.port() + " 1\n"
                    + "sentinel down-after-milliseconds " + masterName + " 400\n"
                    + "sentinel failover-timeout " + masterName + " 2000\n" + extraConfiguration);
            return startProcess(port, List.of(config.toString(), "--sentinel"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String scratchDirectory(int port) {
        try {
            Path directory = Files.createTempDirectory("redis-" + port + "-");
            directory.toFile().deleteOnExit();
            return directory.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RedisTestServer startProcess(int port, List<String> arguments) {
        RedisTestServer server = new RedisTestServer(findBinary(), port, List.copyOf(arguments));
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        return server;
    }

    int port() {
        return port;
    }

    String uri() {
        return "redis://127.0.0.1:" + port;
    }

    MessageStorage open(InstantSource clock) {
        return open(clock, Map.of("uri", uri()));
    }

    static MessageStorage open(InstantSource clock, Map<String, String> options) {
        return open(clock, options, MessageEvents.NONE);
    }

    MessageStorage open(InstantSource clock, MessageEvents events) {
        return open(clock, Map.of("uri", uri()), events);
    }

    private static MessageStorage open(InstantSource clock, Map<String, String> options, MessageEvents events) {
        ConfigSection section = new ConfigSection("drivers:message_store:redis", options);
        return new RedisStorageDriver().openMessageStore(new StorageContext(section, ZaqarConfig.empty(), clock,
                events));
    }

    synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            Path log = Files.createTempFile("redis-test-" + port + "-", ".log");
            log.toFile().deleteOnExit();
            List<String> command = new ArrayList<>(List.of(binary.toString()));
            command.addAll(arguments);
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("redis-server exited at start; see " + log + ":\n"
                            + Files.readString(log));
                }
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                    return;
                } catch (IOException notYet) {
                    Thread.sleep(50);
                }
            }
            throw new IllegalStateException("redis-server did not listen on port " + port + " within 15 s");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + binary, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Freezes the server (SIGSTOP): it still accepts connections, in the kernel, but answers nothing. */
    synchronized void freeze() {
        signal("STOP");
        frozen = true;
    }

    /** Lets a {@link #freeze() frozen} server run again (SIGCONT). */
    synchronized void thaw() {
        signal("CONT");
        frozen = false;
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    synchronized void stop() {
        if (process == null) {
            return;
        }
        if (frozen) {
            thaw(); // a frozen server would not act on SIGTERM
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path findBinary() {
        String path = System.getenv("PATH");
        // ZAQAR_TEST_REDIS=embedded forces the bundled binary, to check the fallback
        if (path != null && !"embedded".equals(System.getenv("ZAQAR_TEST_REDIS"))) {
            for (String directory : path.split(File.pathSeparator)) {
                Path candidate = Path.of(directory, "redis-server");
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return extractEmbeddedBinary();
    }

    private static Path extractEmbeddedBinary() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String resource;
        if (os.contains("linux")) {
            resource = arch.contains("aarch64") || arch.contains("arm64") ? "/redis-server-6.2.7-linux-arm64"
                    : "/redis-server-6.2.6-v5-linux-amd64";
        } else if (os.contains("mac")) {
            resource = arch.contains("aarch64") || arch.contains("arm64") ? "/redis-server-6.2.6-v5-darwin-arm64"
                    : "/redis-server-6.2.6-v5-darwin-amd64";
        } else {
            throw new IllegalStateException("no redis-server on PATH and no embedded binary for " + os + "/" + arch);
        }
        try (InputStream in = RedisTestServer.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no redis-server on PATH and " + resource
                        + " is missing from the embedded-redis test dependency");
            }
            Path file = Files.createTempFile("redis-server-", "");
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            if (!file.toFile().setExecutable(true)) {
                throw new IllegalStateException("cannot make " + file + " executable");
            }
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
