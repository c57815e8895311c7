package org.zaqar.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

import org.zaqar.core.error.ZaqarException;

/**
 * keystoneauth's session TLS options ({@code cafile}, {@code certfile}, {@code keyfile},
 * {@code insecure}) as the TLS context of the HTTP clients that talk to Keystone, so a Keystone
 * behind a private CA needs no change to the JVM's trust store. Built once at start-up; a file
 * that cannot be read or parsed stops the start with the file's name.
 */
public final class KeystoneTls {
    /** No option set: the JVM's default trust store, no client certificate. */
    public static final KeystoneTls DEFAULT = new KeystoneTls(null, "system trust store");

    private final SSLContext context;
    private final String description;

    private KeystoneTls(SSLContext context, String description) {
        this.context = context;
        this.description = description;
    }

    /**
     * @param section  the section named in error messages, e.g. {@code keystone_authtoken}
     * @param cafile   PEM CA certificates that alone are trusted (as requests' verify=cafile); null: the JVM's
     * @param certfile PEM client certificate (chain), possibly followed by its key; null: none
     * @param keyfile  PEM private key of certfile (PKCS#8, or PKCS#1 RSA); null: looked for in certfile
     * @param insecure trust any certificate and any host name (keystoneauth's insecure)
     * @throws ZaqarException VALIDATION_FAILED naming the option and file that cannot be used
     */
    public static KeystoneTls load(String section, Path cafile, Path certfile, Path keyfile, boolean insecure) {
        if (cafile == null && certfile == null && !insecure) {
            return DEFAULT;
        }
        try {
            TrustManager[] trust = insecure ? new TrustManager[] {new TrustingAnything()}
                    : cafile == null ? null : trustOnly(certificates(section, "cafile", cafile));
            KeyManagerFactory keys = certfile == null ? null : clientKeys(section, certfile, keyfile);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust, null);
            return new KeystoneTls(context, (insecure ? "insecure (any certificate)" : cafile == null
                    ? "system trust store" : "CA " + cafile) + (certfile == null ? "" : ", client certificate " + certfile));
        } catch (GeneralSecurityException e) {
            throw ZaqarException.validation("[" + section + "] TLS options cannot be used: " + e.getMessage());
        }
    }

    /** {@code builder} with this TLS context, when one was configured. */
    public HttpClient.Builder applyTo(HttpClient.Builder builder) {
        return context == null ? builder : builder.sslContext(context);
    }

    @Override
    public String toString() {
        return description;
    }

    private static TrustManager[] trustOnly(List<X509Certificate> authorities) throws GeneralSecurityException {
        KeyStore store = emptyStore();
        for (int i = 0; i < authorities.size(); i++) {
            store.setCertificateEntry("ca-" + i, authorities.get(i));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory.getTrustManagers();
    }

    private static KeyManagerFactory clientKeys(String section, Path certfile, Path keyfile)
            throws GeneralSecurityException {
        List<X509Certificate> chain = certificates(section, "certfile", certfile);
        Path keySource = keyfile != null ? keyfile : certfile;
        PrivateKey key = PemKeys.privateKey(read(section, keyfile != null ? "keyfile" : "certfile", keySource),
                "[" + section + "] " + (keyfile != null ? "keyfile " : "certfile ") + keySource);
        KeyStore store = emptyStore();
        store.setKeyEntry("client", key, new char[0], chain.toArray(new Certificate[0]));
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, new char[0]);
        return factory;
    }

    private static List<X509Certificate> certificates(String section, String option, Path file) {
        String pem = read(section, option, file);
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            // only the certificate blocks: a certfile may also hold the key, which the factory refuses
            StringBuilder blocks = new StringBuilder();
            for (String block : pem.split("(?=-----BEGIN )")) {
                if (block.startsWith("-----BEGIN CERTIFICATE-----")) {
                    blocks.append(block.strip()).append('\n');
                }
            }
            for (Certificate certificate : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(blocks.toString().getBytes()))) {
                certificates.add((X509Certificate) certificate);
            }
        } catch (GeneralSecurityException e) {
            throw ZaqarException.validation("[" + section + "] " + option + " " + file
                    + " holds no readable PEM certificate: " + e.getMessage());
        }
        if (certificates.isEmpty()) {
            throw ZaqarException.validation("[" + section + "] " + option + " " + file
                    + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        return certificates;
    }

    private static String read(String section, String option, Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw ZaqarException.validation("[" + section + "] " + option + " " + file + " cannot be read: " + e);
        }
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        return store;
    }

    /**
     * {@code insecure = true}: accepts every certificate. Being an extended trust manager, it also
     * takes over the host name check, which it skips, as keystoneauth's verify=False does.
     */
    private static final class TrustingAnything extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
