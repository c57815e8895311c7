package org.zaqar.storage.sql;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/**
 * A real PostgreSQL server for the tests, started once per JVM from the locally installed
 * binaries: initdb into a temporary directory, postgres on a free port, stopped and removed by a
 * shutdown hook. PostgreSQL refuses to run as root, so as root the server runs as the
 * {@code postgres} (or else {@code nobody}) user, which then owns the directory.
 *
 * <p>The binaries are those in {@code PG_BIN} when set, else the newest under
 * {@code /usr/lib/postgresql/VERSION/bin}. Without binaries the tests fail, unless
 * {@code ZAQAR_TEST_SKIP_POSTGRES=1} says to skip them.
 */
public final class EmbeddedPostgres {
    private static final String BINARIES_ROOT = "/usr/lib/postgresql";
    private static final String USER = "zaqar";
    private static final String DATABASE = "zaqar";
    private static EmbeddedPostgres instance;
    /** Why the first start failed; later tests fail with it at once instead of retrying. */
    private static IllegalStateException startFailure;

    private final Path directory;
    private final int port;
    private final Process server;

    private EmbeddedPostgres(Path binaries) throws IOException, InterruptedException {
        directory = Files.createTempDirectory("zaqar-postgres");
        List<String> runAs = runAsPrefix();
        Path data = directory.resolve("data");
        run(runAs, binaries.resolve("initdb").toString(), "-D", data.toString(), "-U", USER,
                "--auth=trust", "--encoding=UTF8", "--no-sync", "--no-instructions");
        port = freePort();
        List<String> command = new ArrayList<>(runAs);
        command.addAll(List.of(binaries.resolve("postgres").toString(), "-D", data.toString(),
                "-p", Integer.toString(port), "-k", directory.toString(), "-c", "listen_addresses=127.0.0.1",
                // Durability does not matter for a throw-away test database; speed does.
                "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"));
        server = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("postgres.log").toFile())
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "embedded-postgres-stop"));
        awaitReady();
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + DATABASE);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test database: " + e.getMessage() + log(), e);
        }
    }

    /** The running server, started on first use. */
    public static synchronized EmbeddedPostgres instance() {
        if (startFailure != null) {
            throw startFailure;
        }
        if (instance == null) {
            Optional<Path> binaries = findBinaries();
            if (binaries.isEmpty()) {
                Assumptions.assumeFalse("1".equals(System.getenv("ZAQAR_TEST_SKIP_POSTGRES")),
                        "PostgreSQL tests skipped by ZAQAR_TEST_SKIP_POSTGRES=1");
                throw new IllegalStateException("no PostgreSQL binaries (initdb, postgres) in PG_BIN ("
                        + System.getenv("PG_BIN") + ") or under " + BINARIES_ROOT + "/*/bin;"
                        + " install PostgreSQL or set ZAQAR_TEST_SKIP_POSTGRES=1 to skip these tests");
            }
            try {
                instance = new EmbeddedPostgres(binaries.get());
            } catch (IOException | RuntimeException e) {
                startFailure = new IllegalStateException("cannot start PostgreSQL: " + e.getMessage(), e);
                throw startFailure;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting PostgreSQL", e);
            }
        }
        return instance;
    }

    /** Creates another, empty database on the same server and returns its driver URI. */
    public String createDatabase(String name) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
        return "postgresql://" + USER + ":unused-password@127.0.0.1:" + port + "/" + name;
    }

    /** The driver URI of the test database, in SQLAlchemy form, as an operator would write it. */
    public String uri() {
        return "postgresql+psycopg2://" + USER + ":unused-password@127.0.0.1:" + port + "/" + DATABASE;
    }

    /** {@code PG_BIN} when set, else the newest installed version's bin directory holding initdb and postgres. */
    private static Optional<Path> findBinaries() {
        String configured = System.getenv("PG_BIN");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(EmbeddedPostgres::hasServerBinaries);
        }
        Path root = Path.of(BINARIES_ROOT);
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(EmbeddedPostgres::hasServerBinaries)
                    .max(Comparator.comparing(bin -> versionNumber(bin.getParent().getFileName().toString())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean hasServerBinaries(Path bin) {
        return Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("postgres"));
    }

    private static int versionNumber(String name) {
        try {
            return Integer.parseInt(name);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** As root, run as an unprivileged user that owns the directory; otherwise as ourselves. */
    private List<String> runAsPrefix() throws IOException, InterruptedException {
        if (!"root".equals(System.getProperty("user.name"))) {
            return List.of();
        }
        String user = userExists("postgres") ? "postgres" : "nobody";
        String group = run(List.of(), "id", "-g", user).strip();
        run(List.of(), "chown", "-R", user + ":" + group, directory.toString());
        return List.of("setpriv", "--reuid=" + user, "--regid=" + group, "--clear-groups", "--");
    }

    private static boolean userExists(String user) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("id", "-u", user).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return process.waitFor() == 0;
    }

    /** Runs a command to its end and returns its output; fails with the output when it fails. */
    private static String run(List<String> prefix, String... command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(prefix);
        full.addAll(List.of(command));
        Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", full) + " failed:\n" + output);
        }
        return output;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private void awaitReady() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, "")) {
                if (connection.isValid(5)) {
                    return;
                }
            } catch (SQLException e) {
                if (!server.isAlive() || Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("PostgreSQL did not start on port " + port + log(), e);
                }
                Thread.sleep(100);
            }
        }
    }

    private String log() {
        try {
            return "\n--- postgres.log ---\n" + Files.readString(directory.resolve("postgres.log"));
        } catch (IOException e) {
            return "";
        }
    }

    private void stop() {
        // SIGINT is PostgreSQL's fast shutdown: it ends open sessions instead of waiting for them.
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(server.pid())).start().waitFor();
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (IOException | InterruptedException e) {
            server.destroyForcibly();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary directory is harmless.
        }
    }
}
