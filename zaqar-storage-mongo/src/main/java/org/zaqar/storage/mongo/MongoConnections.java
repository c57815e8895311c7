package org.zaqar.storage.mongo;

import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.UuidRepresentation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the Java driver's client from the options, the way upstream's {@code _connection()} does. */
final class MongoConnections {
    private static final Logger LOG = LoggerFactory.getLogger(MongoConnections.class);

    /**
     * The driver waits 30 s by default to find a usable server; we fail sooner and let the
     * {@code max_reconnect_attempts} loop decide, unless the uri sets serverSelectionTimeoutMS.
     */
    static final int SERVER_SELECTION_TIMEOUT_MS = 1_000;
    /** The same for opening a socket, unless the uri sets connectTimeoutMS. */
    static final int CONNECT_TIMEOUT_MS = 2_000;

    private MongoConnections() {
    }

    static MongoClient open(MongoStorageOptions options) {
        options.warnings().forEach(LOG::warn);
        ConnectionString connection = new ConnectionString(options.uri());
        MongoClientSettings.Builder settings = MongoClientSettings.builder()
                .applyConnectionString(connection)
                .uuidRepresentation(UuidRepresentation.STANDARD);
        if (connection.getApplicationName() == null) {
            settings.applicationName("zaqar");
        }
        if (connection.getServerSelectionTimeout() == null) {
            settings.applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(
                    SERVER_SELECTION_TIMEOUT_MS, TimeUnit.MILLISECONDS));
        }
        if (connection.getConnectTimeout() == null) {
            settings.applyToSocketSettings(socket -> socket.connectTimeout(CONNECT_TIMEOUT_MS, TimeUnit.MILLISECONDS));
        }
        if (options.tlsEnabled()) {
            SSLContext context = MongoTls.context(options);
            boolean skipHostCheck = options.sslCertReqs() == MongoStorageOptions.CertRequirement.CERT_NONE;
            settings.applyToSslSettings(ssl -> {
                ssl.enabled(true);
                if (context != null) {
                    ssl.context(context);
                }
                if (skipHostCheck) {
                    ssl.invalidHostNameAllowed(true);
                }
            });
        }
        LOG.info("Connecting to MongoDB at {} (database {})", options.maskedUri(), options.database());
        return MongoClients.create(settings.build());
    }
}
