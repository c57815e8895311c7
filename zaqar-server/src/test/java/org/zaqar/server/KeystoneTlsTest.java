package org.zaqar.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.zaqar.api.KeystoneIdentity;
import org.zaqar.api.KeystoneServer;
import org.zaqar.api.KeystoneSettings;
import org.zaqar.api.KeystoneTls;
import org.zaqar.api.TrusteeSettings;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.core.notify.IdentityService;

/**
 * {@code [keystone_authtoken] cafile, certfile, keyfile, insecure} against a real Keystone behind
 * a TLS terminator whose certificate is signed by a CA made for the test: no change to the JVM's
 * trust store is needed, and without the CA the server answers 503 and says why in its log.
 */
class KeystoneTlsTest {
    private static final String PASSWORD = "changeit";
    private static final String SERVICE_PASSWORD = "zaqar-service-secret";
    private static final String CLIENT_ID = "3381af92-2b9e-11e3-b191-71861300734c";

    private static Path dir;
    private static KeystoneServer keystone;
    private static TlsTerminator https;
    private static String memberToken;
    private static String memberId;
    private static String projectId;

    @BeforeAll
    static void startKeystoneBehindTls() throws Exception {
        if (!KeystoneServer.isInstalled()) {
            assertTrue(!KeystoneServer.isRequired(), "ZAQAR_TEST_REQUIRE_KEYSTONE=1 but keystone is not installed");
            Assumptions.abort("keystone is not installed (apt-get install keystone)");
        }
        dir = Files.createTempDirectory("zaqar-keystone-tls-test");
        makeCertificates();
        keystone = KeystoneServer.start(dir.resolve("keystone"), Duration.ofMinutes(10));
        String service = keystone.createProject("service");
        keystone.grant(service, keystone.createUser("zaqar", SERVICE_PASSWORD), "admin");
        projectId = keystone.createProject("project-a");
        memberId = keystone.createUser("member-a", "pw-a");
        keystone.grant(projectId, memberId, "member");
        memberToken = keystone.token("member-a", "pw-a", "project-a");
        keystone.registerService("zaqar", "messaging", "https://zaqar.example.com");
        https = new TlsTerminator(dir.resolve("server.p12"), dir.resolve("ca.p12"), PASSWORD,
                URI.create(keystone.url()).getPort());
    }

    @AfterAll
    static void stopAll() throws Exception {
        if (https != null) {
            https.close();
        }
        if (keystone != null) {
            keystone.close();
        }
    }

    /** A test CA; a server certificate for 127.0.0.1 and a client certificate it signs (keytool, as an operator would). */
    private static void makeCertificates() throws Exception {
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-dname", "CN=Zaqar Test CA", "-ext", "bc:c",
                "-keystore", "ca.p12");
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-file", "ca.pem");
        for (String name : List.of("server", "client")) {
            keytool("-genkeypair", "-alias", name, "-keyalg", "RSA", "-dname",
                    name.equals("server") ? "CN=127.0.0.1" : "CN=zaqar-client", "-keystore", name + ".p12");
            keytool("-certreq", "-alias", name, "-keystore", name + ".p12", "-file", name + ".csr");
            List<String> signing = new ArrayList<>(List.of("-gencert", "-rfc", "-alias", "ca", "-keystore", "ca.p12",
                    "-infile", name + ".csr", "-outfile", name + ".pem"));
            if (name.equals("server")) {
                signing.addAll(List.of("-ext", "SAN=ip:127.0.0.1"));
            }
            keytool(signing.toArray(String[]::new));
            keytool("-importcert", "-noprompt", "-alias", "ca", "-file", "ca.pem", "-keystore", name + ".p12");
            keytool("-importcert", "-alias", name, "-file", name + ".pem", "-keystore", name + ".p12");
        }
        KeyStore client = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(dir.resolve("client.p12"))) {
            client.load(in, PASSWORD.toCharArray());
        }
        byte[] pkcs8 = client.getKey("client", PASSWORD.toCharArray()).getEncoded();
        Files.writeString(dir.resolve("client-key.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pkcs8) + "\n-----END PRIVATE KEY-----\n");
        // the PKCS#1 form ("BEGIN RSA PRIVATE KEY") that older deployments' keys are in
        run("openssl", "rsa", "-traditional", "-in", "client-key.pem", "-out", "client-key-rsa.pem");
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
                .toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD, "-validity", "2"));
        if (args[0].equals("-exportcert") || args[0].equals("-certreq") || args[0].equals("-importcert")) {
            command.removeAll(List.of("-validity", "2"));
        }
        run(command.toArray(String[]::new));
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("certificates.log").toFile()).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), String.join(" ", command));
        assertEquals(0, process.exitValue(), () -> String.join(" ", command) + ": " + read("certificates.log"));
    }

    private static String read(String file) {
        try {
            return Files.readString(dir.resolve(file));
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    private static ZaqarServer start(String tlsOptions) {
        return ZaqarServer.start(SqliteServerConfig.on(dir, """
                [DEFAULT]
                auth_strategy = keystone
                [keystone_authtoken]
                auth_url = https://127.0.0.1:%d/v3
                username = zaqar
                password = %s
                project_name = service
                """.formatted(https.port(), SERVICE_PASSWORD) + tlsOptions), InstantSource.system());
    }

    private static HttpResponse<String> listQueues(ZaqarServer server) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/v2/queues"))
                .header("X-Auth-Token", memberToken).header("Client-ID", CLIENT_ID).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void withTheCaFileAndAClientCertificateTokensAreValidated() throws Exception {
        try (ZaqarServer server = start("cafile = %s\ncertfile = %s\nkeyfile = %s\n".formatted(
                dir.resolve("ca.pem"), dir.resolve("client.pem"), dir.resolve("client-key-rsa.pem")))) {
            HttpResponse<String> queues = listQueues(server);
            assertEquals(200, queues.statusCode(), queues.body());
        }
        assertTrue(https.clientSubjects().contains("CN=zaqar-client"), "Keystone's side saw " + https.clientSubjects());
    }

    @Test
    void withoutTheCaFileTheRequestIs503AndTheLogSaysWhy() throws Exception {
        Logger authenticator = (Logger) LoggerFactory.getLogger("org.zaqar.api.Authenticator");
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        authenticator.addAppender(captured);
        try (ZaqarServer server = start("")) {
            HttpResponse<String> queues = listQueues(server);
            assertEquals(503, queues.statusCode(), queues.body());
            assertTrue(queues.body().contains("\"title\"") && queues.body().contains("Keystone"), queues.body());
        } finally {
            authenticator.detachAppender(captured);
        }
        String logged = captured.list.stream().map(ILoggingEvent::getFormattedMessage).toList().toString();
        assertTrue(logged.contains("failed the TLS handshake") && logged.contains("[keystone_authtoken] cafile"), logged);
    }

    @Test
    void insecureTrustsAnyCertificate() throws Exception {
        try (ZaqarServer server = start("insecure = true\n")) {
            HttpResponse<String> queues = listQueues(server);
            assertEquals(200, queues.statusCode(), queues.body());
        }
    }

    /** Subscriptions' Keystone calls: trusts with [trustee]'s TLS options, the catalog with [keystone_authtoken]'s. */
    @Test
    @Disabled("passes alone, fails in the full suite: the JDK client sends the trust POST on a kept-alive"
            + " connection that TlsTerminator has just closed (wsgiref Keystone closes after each answer);"
            + " needs a keep-alive TLS front for the test Keystone")
    void trustsAndTheCatalogUseTheTlsOptionsOfTheirSection() {
        String authUrl = "https://127.0.0.1:" + https.port() + "/v3";
        KeystoneSettings service = new KeystoneSettings(authUrl, authUrl, "zaqar", SERVICE_PASSWORD, "service",
                "Default", "Default", Duration.ofSeconds(300), Duration.ofSeconds(10),
                KeystoneTls.load("keystone_authtoken", dir.resolve("ca.pem"), null, null, false));
        KeystoneIdentity identity = new KeystoneIdentity(trustee(authUrl,
                KeystoneTls.load("trustee", dir.resolve("ca.pem"), null, null, false)), service, InstantSource.system());
        String trust = identity.createTrust(new IdentityService.Trustor(memberId, memberToken, List.of("member")),
                projectId, null);
        assertFalse(identity.trustToken(trust).isBlank());
        assertEquals("https://zaqar.example.com", identity.publicEndpoints().get("zaqar"));

        KeystoneIdentity withoutCa = new KeystoneIdentity(trustee(authUrl, KeystoneTls.DEFAULT), null,
                InstantSource.system());
        ZaqarException error = assertThrows(ZaqarException.class, () -> withoutCa.trustToken(trust));
        assertTrue(error.getMessage().contains("SSLHandshakeException"), error.getMessage());
    }

    private static TrusteeSettings trustee(String authUrl, KeystoneTls tls) {
        return new TrusteeSettings(authUrl, null, "zaqar", null, "Default", SERVICE_PASSWORD, null, null, null, null,
                Duration.ofSeconds(10), tls);
    }

    @Test
    void anUnreadableCaFileStopsTheStartNamingIt() {
        ZaqarException error = assertThrows(ZaqarException.class,
                () -> start("cafile = " + dir.resolve("no-such-ca.pem") + "\n").close());
        assertTrue(error.getMessage().contains("[keystone_authtoken] cafile " + dir.resolve("no-such-ca.pem")
                + " cannot be read"), error.getMessage());
    }
}
