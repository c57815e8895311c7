package org.zaqar.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * HTTPS in front of a plain HTTP server (here the test Keystone), as a TLS-terminating proxy in
 * front of a real Keystone: a server certificate from a PKCS#12 store, and a client certificate
 * asked for (not required) and remembered, so a test sees whether the client presented one.
 */
final class TlsTerminator implements AutoCloseable {
    private final SSLServerSocket server;
    private final int backendPort;
    private final List<String> clientSubjects = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    /**
     * @param keyStore   PKCS#12 with the server's key and certificate chain, password {@code password}
     * @param clientCa   the store whose certificates sign acceptable client certificates
     */
    TlsTerminator(Path keyStore, Path clientCa, String password, int backendPort) throws Exception {
        this.backendPort = backendPort;
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(load(keyStore, password), password.toCharArray());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load(clientCa, password));
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 50,
                InetAddress.getLoopbackAddress());
        server.setWantClientAuth(true);
        Thread.ofVirtual().name("tls-terminator").start(this::accept);
    }

    private static KeyStore load(Path file, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password.toCharArray());
        }
        return store;
    }

    int port() {
        return server.getLocalPort();
    }

    /** The subjects of the client certificates presented so far, one per connection that had one. */
    List<String> clientSubjects() {
        return new ArrayList<>(clientSubjects);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                SSLSocket client = (SSLSocket) server.accept();
                open.add(client);
                Thread.ofVirtual().start(() -> serve(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(SSLSocket client) {
        try (client; Socket backend = new Socket(InetAddress.getLoopbackAddress(), backendPort)) {
            open.add(backend);
            client.startHandshake();
            try {
                clientSubjects.add(((X509Certificate) client.getSession().getPeerCertificates()[0])
                        .getSubjectX500Principal().getName());
            } catch (SSLPeerUnverifiedException noClientCertificate) {
                // allowed: the certificate is asked for, not required
            }
            Thread upstream = Thread.ofVirtual().start(() -> copy(client, backend));
            copy(backend, client);
            // The test Keystone answers one request per connection: close the client's side at once,
            // as a proxy does, so its HTTP client does not send the next request on a dead connection.
            client.close();
            upstream.join();
        } catch (IOException | InterruptedException failedHandshake) {
            // the client refused our certificate, or went away: nothing to forward
        }
    }

    private static void copy(Socket from, Socket to) {
        try (InputStream in = from.getInputStream()) {
            OutputStream out = to.getOutputStream();
            in.transferTo(out);
            out.flush();
            to.shutdownOutput();
        } catch (IOException | UnsupportedOperationException closed) {
            // one side closed: the other copy ends too
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
    }
}
