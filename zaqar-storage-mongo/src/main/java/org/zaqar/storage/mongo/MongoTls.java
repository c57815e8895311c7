package org.zaqar.storage.mongo;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import org.zaqar.core.error.ZaqarException;

/**
 * Turns upstream's {@code ssl_*} options (PEM files, as Python's {@code ssl} module reads them) into
 * a JSSE {@link SSLContext} for the Java driver.
 */
final class MongoTls {
    private static final Pattern PEM_BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
    private static final char[] NO_PASSWORD = new char[0];

    private MongoTls() {
    }

    /** The context for the options, or null when the JDK's defaults do (no files, certificates checked). */
    static SSLContext context(MongoStorageOptions options) {
        boolean trustAll = options.sslCertReqs() == MongoStorageOptions.CertRequirement.CERT_NONE;
        if (!trustAll && options.sslCaCerts() == null && options.sslCertfile() == null) {
            return null;
        }
        try {
            TrustManager[] trustManagers = trustAll ? new TrustManager[] {new TrustEverything()}
                    : options.sslCaCerts() == null ? null : trustManagers(options.sslCaCerts());
            KeyManager[] keyManagers = options.sslCertfile() == null ? null
                    : keyManagers(options.sslCertfile(), options.sslKeyfile());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers, trustManagers, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw ZaqarException.validation("cannot set up TLS for MongoDB: " + e.getMessage());
        }
    }

    private static TrustManager[] trustManagers(String caFile) throws GeneralSecurityException {
        List<X509Certificate> certificates = certificates(caFile);
        if (certificates.isEmpty()) {
            throw ZaqarException.validation("ssl_ca_certs = " + caFile + " holds no PEM certificate");
        }
        KeyStore store = emptyStore();
        for (int i = 0; i < certificates.size(); i++) {
            store.setCertificateEntry("ca-" + i, certificates.get(i));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory.getTrustManagers();
    }

    private static KeyManager[] keyManagers(String certFile, String keyFile) throws GeneralSecurityException {
        List<X509Certificate> chain = certificates(certFile);
        if (chain.isEmpty()) {
            throw ZaqarException.validation("ssl_certfile = " + certFile + " holds no PEM certificate");
        }
        String keySource = keyFile != null ? keyFile : certFile;
        PrivateKey key = privateKey(keySource);
        KeyStore store = emptyStore();
        store.setKeyEntry("client", key, NO_PASSWORD, chain.toArray(new Certificate[0]));
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, NO_PASSWORD);
        return factory.getKeyManagers();
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        return store;
    }

    static List<X509Certificate> certificates(String file) throws GeneralSecurityException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<X509Certificate> certificates = new ArrayList<>();
        Matcher block = PEM_BLOCK.matcher(read(file));
        while (block.find()) {
            if (block.group(1).equals("CERTIFICATE")) {
                certificates.add((X509Certificate) factory.generateCertificate(
                        new ByteArrayInputStream(decode(block.group(2)))));
            }
        }
        return certificates;
    }

    static PrivateKey privateKey(String file) throws GeneralSecurityException {
        Matcher block = PEM_BLOCK.matcher(read(file));
        while (block.find()) {
            String type = block.group(1);
            byte[] der = decode(block.group(2));
            switch (type) {
                case "PRIVATE KEY":
                    return pkcs8(der, file);
                case "RSA PRIVATE KEY":
                    return pkcs8(wrapPkcs1Rsa(der), file);
                case "ENCRYPTED PRIVATE KEY", "EC PRIVATE KEY":
                    throw ZaqarException.validation(file + " holds an '" + type + "', which is not supported;"
                            + " convert it with: openssl pkcs8 -topk8 -nocrypt -in " + file);
                default:
                    break;
            }
        }
        throw ZaqarException.validation(file
                + " holds no PEM private key (BEGIN PRIVATE KEY or BEGIN RSA PRIVATE KEY)");
    }

    private static PrivateKey pkcs8(byte[] der, String file) throws GeneralSecurityException {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new GeneralSecurityException("unsupported private key algorithm in " + file);
    }

    /** Wraps a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo so that the JDK can read it. */
    private static byte[] wrapPkcs1Rsa(byte[] pkcs1) {
        byte[] version = {0x02, 0x01, 0x00};
        byte[] rsaAlgorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d,
            0x01, 0x01, 0x01, 0x05, 0x00};
        byte[] octets = derElement(0x04, pkcs1);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(version);
        body.writeBytes(rsaAlgorithm);
        body.writeBytes(octets);
        return derElement(0x30, body.toByteArray());
    }

    private static byte[] derElement(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i) & 0xff);
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] decode(String base64) {
        return Base64.getMimeDecoder().decode(base64.replaceAll("\\s", ""));
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw ZaqarException.validation("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** For {@code ssl_cert_reqs = CERT_NONE} only: accepts any server certificate. */
    private static final class TrustEverything implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
