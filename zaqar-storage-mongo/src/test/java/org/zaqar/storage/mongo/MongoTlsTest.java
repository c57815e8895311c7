package org.zaqar.storage.mongo;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zaqar.core.config.ConfigSection;
import org.zaqar.core.error.ErrorCode;
import org.zaqar.core.error.ZaqarException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PEM files as Python's ssl module takes them, made here with the JDK's keytool. */
class MongoTlsTest {
    @TempDir
    static Path directory;
    private static Path certificate;
    private static Path pkcs8Key;
    private static Path pkcs1Key;
    private static Path combined;
    private static PrivateKey key;

    @BeforeAll
    static void makeFiles() throws Exception {
        Path keyStore = directory.resolve("client.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(keytool, "-genkeypair", "-alias", "client", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
                "-validity", "2", "-keystore", keyStore.toString(), "-storetype", "PKCS12",
                "-storepass", "changeit", "-keypass", "changeit");
        certificate = directory.resolve("client.pem");
        run(keytool, "-exportcert", "-rfc", "-alias", "client", "-keystore", keyStore.toString(),
                "-storepass", "changeit", "-file", certificate.toString());
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(keyStore.toFile())) {
            store.load(in, "changeit".toCharArray());
        }
        key = (PrivateKey) store.getKey("client", "changeit".toCharArray());
        pkcs8Key = write("client.key", pem("PRIVATE KEY", key.getEncoded()));
        pkcs1Key = write("client-rsa.key", pem("RSA PRIVATE KEY", pkcs1Of(key.getEncoded())));
        combined = write("combined.pem", Files.readString(pkcs8Key) + Files.readString(certificate));
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
    }

    private static Path write(String name, String text) throws IOException {
        return Files.writeString(directory.resolve(name), text);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    /** The RSAPrivateKey inside a PKCS#8 PrivateKeyInfo: its last element, an OCTET STRING. */
    private static byte[] pkcs1Of(byte[] pkcs8) {
        int[] outer = header(pkcs8, 0);
        int position = outer[0];
        for (int element = 0; element < 2; element++) {
            int[] skipped = header(pkcs8, position);
            position = skipped[0] + skipped[1];
        }
        int[] octets = header(pkcs8, position);
        assertEquals(0x04, pkcs8[position]);
        return Arrays.copyOfRange(pkcs8, octets[0], octets[0] + octets[1]);
    }

    /** Start of content and content length of the DER element at {@code offset}. */
    private static int[] header(byte[] der, int offset) {
        int length = der[offset + 1] & 0xff;
        if (length < 0x80) {
            return new int[] {offset + 2, length};
        }
        int bytes = length & 0x7f;
        int value = 0;
        for (int i = 0; i < bytes; i++) {
            value = value << 8 | der[offset + 2 + i] & 0xff;
        }
        return new int[] {offset + 2 + bytes, value};
    }

    private static MongoStorageOptions options(Map<String, String> values) {
        Map<String, String> all = new HashMap<>(values);
        all.putIfAbsent("uri", "mongodb://127.0.0.1:1/?ssl=true&serverSelectionTimeoutMS=100");
        return MongoStorageOptions.forMessageStore(new ConfigSection(MongoStorageOptions.MESSAGE_STORE_SECTION, all));
    }

    @Test
    void readsCertificatesAndBothKeyFormats() throws Exception {
        assertEquals(1, MongoTls.certificates(certificate.toString()).size());
        assertEquals(1, MongoTls.certificates(combined.toString()).size(), "keys next to certificates are skipped");
        assertArrayEquals(key.getEncoded(), MongoTls.privateKey(pkcs8Key.toString()).getEncoded());
        assertArrayEquals(key.getEncoded(), MongoTls.privateKey(pkcs1Key.toString()).getEncoded());
        assertArrayEquals(key.getEncoded(), MongoTls.privateKey(combined.toString()).getEncoded());
    }

    @Test
    void buildsContextsForEveryCombination() {
        assertNull(MongoTls.context(options(Map.of())), "nothing set: the JDK's defaults");
        assertNotNull(MongoTls.context(options(Map.of("ssl_ca_certs", certificate.toString()))));
        assertNotNull(MongoTls.context(options(Map.of("ssl_certfile", certificate.toString(),
                "ssl_keyfile", pkcs1Key.toString(), "ssl_ca_certs", certificate.toString()))));
        assertNotNull(MongoTls.context(options(Map.of("ssl_certfile", combined.toString()))));
        assertNotNull(MongoTls.context(options(Map.of("ssl_cert_reqs", "CERT_NONE"))));
    }

    @Test
    void clientIsBuiltWithTlsWithoutConnecting() {
        MongoStorageOptions options = options(Map.of("ssl_certfile", combined.toString(),
                "ssl_ca_certs", certificate.toString()));
        assertTrue(options.tlsEnabled());
        try (MongoClient client = MongoConnections.open(options)) {
            assertNotNull(client.getClusterDescription());
        }
    }

    @Test
    void unusableFilesFailWithAHint() throws IOException {
        Path encrypted = write("encrypted.key", pem("ENCRYPTED PRIVATE KEY", new byte[] {1, 2, 3}));
        ZaqarException error = assertThrows(ZaqarException.class, () -> MongoTls.context(options(Map.of(
                "ssl_certfile", certificate.toString(), "ssl_keyfile", encrypted.toString()))));
        assertEquals(ErrorCode.VALIDATION_FAILED, error.code());
        assertTrue(error.getMessage().contains("openssl pkcs8 -topk8 -nocrypt"), error.getMessage());

        for (String option : List.of("ssl_ca_certs", "ssl_certfile")) {
            ZaqarException noCertificate = assertThrows(ZaqarException.class,
                    () -> MongoTls.context(options(Map.of(option, pkcs8Key.toString()))));
            assertTrue(noCertificate.getMessage().contains("holds no PEM certificate"), noCertificate.getMessage());
        }
        ZaqarException missing = assertThrows(ZaqarException.class,
                () -> MongoTls.context(options(Map.of("ssl_ca_certs", directory.resolve("nope.pem").toString()))));
        assertTrue(missing.getMessage().contains("cannot read"), missing.getMessage());
    }
}
