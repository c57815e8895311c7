package org.zaqar.storage.sql;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.zaqar.core.error.ZaqarException;

/**
 * A client certificate and key in PEM files ({@code ssl_cert}, {@code ssl_key}, as the Python
 * drivers take them) as the PKCS#12 key store MariaDB Connector/J wants: written to a temporary
 * file readable by this user only, removed at exit, with a random password. Keys in PKCS#8
 * ({@code BEGIN PRIVATE KEY}) and RSA keys in PKCS#1 ({@code BEGIN RSA PRIVATE KEY}) are read;
 * encrypted keys are not.
 */
final class SqlMysqlClientKeyStore {
    /** The DER prefix that wraps a PKCS#1 RSA key into PKCS#8, before the key's own length. */
    private static final byte[] RSA_ALGORITHM = HexFormat.of().parseHex("020100300d06092a864886f70d0101010500");

    private SqlMysqlClientKeyStore() {
    }

    /** Connector/J's properties for the key store holding {@code certFile} and {@code keyFile}. */
    static Map<String, String> create(String certFile, String keyFile) {
        try {
            List<? extends Certificate> chain;
            try (InputStream in = Files.newInputStream(Path.of(certFile))) {
                chain = List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
            }
            if (chain.isEmpty()) {
                throw ZaqarException.validation("ssl_cert " + certFile + " holds no certificate");
            }
            PrivateKey key = privateKey(keyFile, Files.readString(Path.of(keyFile)));
            String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("client", key, password.toCharArray(), chain.toArray(Certificate[]::new));
            Path file = Files.createTempFile("zaqar-mysql-client-", ".p12",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            file.toFile().deleteOnExit();
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, password.toCharArray());
            }
            return Map.of("keyStore", file.toString(), "keyStorePassword", password, "keyStoreType", "PKCS12");
        } catch (IOException | GeneralSecurityException e) {
            throw ZaqarException.validation("cannot use the client certificate " + certFile + " and key " + keyFile
                    + ": " + e);
        }
    }

    private static PrivateKey privateKey(String keyFile, String pem) throws GeneralSecurityException {
        byte[] pkcs8;
        if (pem.contains("-----BEGIN PRIVATE KEY-----")) {
            pkcs8 = body(pem, "PRIVATE KEY");
        } else if (pem.contains("-----BEGIN RSA PRIVATE KEY-----")) {
            byte[] pkcs1 = body(pem, "RSA PRIVATE KEY");
            ByteArrayOutputStream inner = new ByteArrayOutputStream();
            inner.writeBytes(RSA_ALGORITHM);
            inner.write(0x04);
            writeLength(inner, pkcs1.length);
            inner.writeBytes(pkcs1);
            ByteArrayOutputStream outer = new ByteArrayOutputStream();
            outer.write(0x30);
            writeLength(outer, inner.size());
            outer.writeBytes(inner.toByteArray());
            pkcs8 = outer.toByteArray();
        } else {
            throw ZaqarException.validation("ssl_key " + keyFile + " is neither an unencrypted PKCS#8 key (BEGIN PRIVATE"
                    + " KEY) nor an RSA key (BEGIN RSA PRIVATE KEY); convert it with"
                    + " 'openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8'");
        }
        GeneralSecurityException last = null;
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw last;
    }

    private static byte[] body(String pem, String label) {
        int start = pem.indexOf("-----BEGIN " + label + "-----") + ("-----BEGIN " + label + "-----").length();
        int end = pem.indexOf("-----END " + label + "-----", start);
        return Base64.getMimeDecoder().decode(pem.substring(start, end < 0 ? pem.length() : end));
    }

    /** A DER length: short form below 128, else the count of length bytes and the bytes. */
    private static void writeLength(ByteArrayOutputStream out, int length) {
        if (length < 0x80) {
            out.write(length);
            return;
        }
        int bytes = length > 0xffffff ? 4 : length > 0xffff ? 3 : length > 0xff ? 2 : 1;
        out.write(0x80 | bytes);
        for (int i = bytes - 1; i >= 0; i--) {
            out.write(length >>> (8 * i));
        }
    }
}
