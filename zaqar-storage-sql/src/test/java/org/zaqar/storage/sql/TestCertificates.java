package org.zaqar.storage.sql;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * PEM files for TLS tests, made with the {@code openssl} command: a CA, a server certificate for
 * 127.0.0.1 and localhost and a client certificate it signed, and a second CA that signed nothing.
 */
public record TestCertificates(Path directory) {
    public Path ca() {
        return directory.resolve("ca.pem");
    }

    public Path otherCa() {
        return directory.resolve("other-ca.pem");
    }

    public Path serverCertificate() {
        return directory.resolve("server-cert.pem");
    }

    public Path serverKey() {
        return directory.resolve("server-key.pem");
    }

    public Path clientCertificate() {
        return directory.resolve("client-cert.pem");
    }

    /** The client key in PKCS#8 ({@code BEGIN PRIVATE KEY}). */
    public Path clientKey() {
        return directory.resolve("client-key.pem");
    }

    /** The same client key in PKCS#1 ({@code BEGIN RSA PRIVATE KEY}), as older tools write it. */
    public Path clientRsaKey() {
        return directory.resolve("client-key-rsa.pem");
    }

    /** Creates the files in {@code directory} (which must exist). */
    public static TestCertificates create(Path directory) throws IOException, InterruptedException {
        TestCertificates files = new TestCertificates(directory);
        Path extensions = directory.resolve("server.ext");
        Files.writeString(extensions, "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=zaqar-test-ca",
                "-keyout", directory.resolve("ca-key.pem").toString(), "-out", files.ca().toString());
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=zaqar-other-ca",
                "-keyout", directory.resolve("other-ca-key.pem").toString(), "-out", files.otherCa().toString());
        signed(files, "server", files.serverKey(), files.serverCertificate(), "/CN=localhost", extensions);
        signed(files, "client", files.clientKey(), files.clientCertificate(), "/CN=zaqar-client", null);
        openssl("rsa", "-traditional", "-in", files.clientKey().toString(), "-out", files.clientRsaKey().toString());
        return files;
    }

    private static void signed(TestCertificates files, String name, Path key, Path certificate, String subject,
                               Path extensions) throws IOException, InterruptedException {
        Path request = files.directory().resolve(name + ".csr");
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", subject, "-keyout", key.toString(),
                "-out", request.toString());
        List<String> sign = new ArrayList<>(List.of("x509", "-req", "-in", request.toString(), "-days", "2",
                "-CA", files.ca().toString(), "-CAkey", files.directory().resolve("ca-key.pem").toString(),
                "-CAcreateserial", "-out", certificate.toString()));
        if (extensions != null) {
            sign.addAll(List.of("-extfile", extensions.toString()));
        }
        openssl(sign.toArray(String[]::new));
    }

    private static void openssl(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
    }
}
