package org.zaqar.storage.sql;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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
 * A real MariaDB server for the tests, started once per JVM from Debian's {@code mariadb-server}
 * binaries: {@code mariadb-install-db} into a temporary directory, {@code mariadbd --no-defaults}
 * on a free TCP port and its own socket file, stopped and removed by a shutdown hook. As root the
 * server runs as the {@code mysql} user (or else {@code nobody}), which then owns the directory.
 *
 * <p>The test user {@value #USER} (password {@value #PASSWORD}) owns the database {@value #DATABASE}
 * and every database {@link #createDatabase} adds; {@value #X509_USER} (same password) may
 * connect only over TLS with a client certificate of {@link #certificates()}, whose server
 * certificate the server offers. Without the binaries the tests are skipped,
 * unless {@code ZAQAR_TEST_REQUIRE_MARIADB=1} (set by CI) says to fail instead.
 */
public final class EmbeddedMariaDb {
    public static final String USER = "zaqar";
    public static final String PASSWORD = "zaqar-test-secret";
    public static final String DATABASE = "zaqar";
    public static final String X509_USER = "zaqar_x509";
    private static final List<Path> SERVERS = List.of(Path.of("/usr/sbin/mariadbd"), Path.of("/usr/sbin/mysqld"));
    private static final List<Path> INSTALLERS = List.of(Path.of("/usr/bin/mariadb-install-db"),
            Path.of("/usr/bin/mysql_install_db"));
    private static EmbeddedMariaDb instance;
    /** Why the first start failed; later tests fail with it at once instead of retrying. */
    private static IllegalStateException startFailure;

    private final Path directory;
    private final TestCertificates certificates;
    private final int port;
    private final Process server;

    private EmbeddedMariaDb(Path binary, Path installer) throws IOException, InterruptedException {
        directory = Files.createTempDirectory("zaqar-mariadb");
        Path data = directory.resolve("data");
        Files.createDirectories(directory.resolve("tls"));
        certificates = TestCertificates.create(directory.resolve("tls"));
        Optional<String> user = serverUser();
        if (user.isPresent()) {
            run("chown", "-R", user.get() + ":", directory.toString());
        }
        List<String> install = new ArrayList<>(List.of(installer.toString(), "--no-defaults",
                "--auth-root-authentication-method=normal", "--skip-test-db", "--datadir=" + data));
        user.ifPresent(name -> install.add("--user=" + name));
        run(install.toArray(String[]::new));
        port = freePort();
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--no-defaults",
                "--datadir=" + data, "--port=" + port, "--bind-address=127.0.0.1",
                "--socket=" + socket(), "--pid-file=" + directory.resolve("mariadbd.pid"),
                "--skip-name-resolve", "--skip-log-bin", "--max-connections=500",
                "--ssl-ca=" + certificates.ca(), "--ssl-cert=" + certificates.serverCertificate(),
                "--ssl-key=" + certificates.serverKey(),
                // Durability does not matter for a throw-away test database; speed does.
                "--innodb-flush-log-at-trx-commit=0", "--innodb-doublewrite=0", "--innodb-buffer-pool-size=64M"));
        user.ifPresent(name -> command.add("--user=" + name));
        server = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("mariadbd.log").toFile())
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "embedded-mariadb-stop"));
        awaitReady();
        administer("CREATE USER '" + USER + "'@'%' IDENTIFIED BY '" + PASSWORD + "'",
                "CREATE DATABASE " + DATABASE,
                "GRANT ALL PRIVILEGES ON *.* TO '" + USER + "'@'%'",
                "CREATE USER '" + X509_USER + "'@'%' IDENTIFIED BY '" + PASSWORD + "' REQUIRE X509",
                "GRANT ALL PRIVILEGES ON *.* TO '" + X509_USER + "'@'%'");
    }

    /** True when this machine has the server binaries. */
    public static boolean isInstalled() {
        return find(SERVERS).isPresent() && find(INSTALLERS).isPresent();
    }

    /** CI sets {@code ZAQAR_TEST_REQUIRE_MARIADB=1}: there a missing MariaDB fails the tests. */
    public static boolean isRequired() {
        return "1".equals(System.getenv("ZAQAR_TEST_REQUIRE_MARIADB"));
    }

    /** The running server, started on first use; skips the calling test when MariaDB is missing. */
    public static synchronized EmbeddedMariaDb instance() {
        if (startFailure != null) {
            throw startFailure;
        }
        if (instance == null) {
            if (!isInstalled()) {
                Assumptions.assumeTrue(isRequired(), "MariaDB tests skipped: no mariadbd (apt-get install mariadb-server)");
                throw new IllegalStateException("ZAQAR_TEST_REQUIRE_MARIADB=1 but no MariaDB server binaries: none of "
                        + SERVERS + " with one of " + INSTALLERS + "; apt-get install mariadb-server");
            }
            try {
                instance = new EmbeddedMariaDb(find(SERVERS).get(), find(INSTALLERS).get());
            } catch (IOException | RuntimeException e) {
                startFailure = new IllegalStateException("cannot start MariaDB: " + e.getMessage(), e);
                throw startFailure;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting MariaDB", e);
            }
        }
        return instance;
    }

    /** The driver URI of the test database, in SQLAlchemy form, as an operator would write it. */
    public String uri() {
        return uri(DATABASE);
    }

    /** The driver URI of the named database. */
    public String uri(String database) {
        return "mysql+pymysql://" + USER + ":" + PASSWORD + "@127.0.0.1:" + port + "/" + database + "?charset=utf8";
    }

    /** Creates another, empty database on the same server and returns its driver URI. */
    public String createDatabase(String name) {
        administer("CREATE DATABASE " + name);
        return uri(name);
    }

    /** Runs statements as the server's root user, e.g. to build a schema by hand. */
    public void administer(String... statements) {
        try (Connection connection = DriverManager.getConnection(
                "jdbc:mariadb://127.0.0.1:" + port + "/", "root", "");
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("MariaDB refused " + List.of(statements) + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return port;
    }

    /** The CA, server and client certificates of the server's TLS. */
    public TestCertificates certificates() {
        return certificates;
    }

    /** The server's Unix socket file. */
    public Path socket() {
        return directory.resolve("mariadbd.sock");
    }

    private static Optional<Path> find(List<Path> candidates) {
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }

    /** As root, the unprivileged user the server runs as; otherwise the server runs as ourselves. */
    private static Optional<String> serverUser() throws IOException, InterruptedException {
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.empty();
        }
        return Optional.of(userExists("mysql") ? "mysql" : "nobody");
    }

    private static boolean userExists(String user) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("id", "-u", user).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return process.waitFor() == 0;
    }

    /** Runs a command to its end; fails with its output when it fails. */
    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void awaitReady() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            try (Connection connection = DriverManager.getConnection(
                    "jdbc:mariadb://127.0.0.1:" + port + "/", "root", "")) {
                if (connection.isValid(5)) {
                    return;
                }
            } catch (SQLException e) {
                if (!server.isAlive() || Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("MariaDB did not start on port " + port + log(), e);
                }
                Thread.sleep(100);
            }
        }
    }

    private String log() {
        try {
            return "\n--- mariadbd.log ---\n" + Files.readString(directory.resolve("mariadbd.log"));
        } catch (IOException e) {
            return "";
        }
    }

    private void stop() {
        // SIGTERM is mariadbd's normal shutdown; open sessions are ended.
        server.destroy();
        try {
            if (!server.waitFor(20, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
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
