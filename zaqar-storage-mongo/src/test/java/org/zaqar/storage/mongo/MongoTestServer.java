package org.zaqar.storage.mongo;

import java.net.InetSocketAddress;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.mongodb.client.MongoClient;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.slf4j.LoggerFactory;
import org.zaqar.core.config.ConfigSection;
import org.zaqar.core.storage.ClaimStore;
import org.zaqar.core.storage.MessageEvents;
import org.zaqar.core.storage.MessageStorage;
import org.zaqar.core.storage.MessageStore;
import org.zaqar.core.storage.QueueStore;

/**
 * The server the tests run against: a real MongoDB when {@code ZAQAR_TEST_MONGODB_URI} is set,
 * otherwise mongo-java-server's in-memory backend started once per JVM on a free loopback port.
 * Every storage opened here gets databases of its own, dropped when it is closed.
 */
final class MongoTestServer {
    static final String URI_VARIABLE = "ZAQAR_TEST_MONGODB_URI";
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    private static volatile MongoTestServer instance;

    final String uri;
    final boolean realServer;
    private final MongoClient client;

    private MongoTestServer(String uri, boolean realServer) {
        this.uri = uri;
        this.realServer = realServer;
        this.client = MongoConnections.open(options(uri, "zaqar_test", Map.of()));
        LoggerFactory.getLogger(MongoTestServer.class).info("Mongo tests run against {} at {}",
                realServer ? "the server of " + URI_VARIABLE : "in-process mongo-java-server",
                MongoStorageOptions.masked(uri));
    }

    static MongoTestServer get() {
        if (instance == null) {
            synchronized (MongoTestServer.class) {
                if (instance == null) {
                    instance = start();
                }
            }
        }
        return instance;
    }

    private static MongoTestServer start() {
        String external = System.getenv(URI_VARIABLE);
        if (external != null && !external.isBlank()) {
            return new MongoTestServer(external.strip(), true);
        }
        MongoServer server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        InetSocketAddress address = server.getLocalAddress();
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
        return new MongoTestServer("mongodb://127.0.0.1:" + address.getPort(), false);
    }

    static MongoStorageOptions options(String uri, String database, Map<String, String> extra) {
        Map<String, String> values = new java.util.HashMap<>(extra);
        values.put("uri", uri);
        values.put("database", database);
        return MongoStorageOptions.forMessageStore(
                new ConfigSection(MongoStorageOptions.MESSAGE_STORE_SECTION, values));
    }

    MongoClient client() {
        return client;
    }

    /** A storage on databases of its own. The TTL index is left out on a real server, whose clock is not ours. */
    MessageStorage openStorage(InstantSource clock) {
        return openStorage(clock, Map.of());
    }

    /** A database name no other test uses. */
    static String freshDatabase() {
        return "zt" + RUN + "_" + DATABASES.incrementAndGet();
    }

    /** Drops the databases of storage opened on {@code database}. */
    void drop(String database, int partitions) {
        client.getDatabase(database + "_queues").drop();
        client.getDatabase(database + "_subscriptions").drop();
        for (int partition = 0; partition < partitions; partition++) {
            client.getDatabase(database + "_messages_p" + partition).drop();
        }
    }

    MessageStorage openStorage(InstantSource clock, Map<String, String> extraOptions) {
        return openStorage(clock, extraOptions, MessageEvents.NONE);
    }

    MessageStorage openStorage(InstantSource clock, Map<String, String> extraOptions, MessageEvents events) {
        String database = freshDatabase();
        MongoStorageOptions options = options(uri, database, extraOptions);
        MongoMessageStorage storage = new MongoMessageStorage(client, false, options, clock, events, !realServer);
        List<String> databases = new ArrayList<>(List.of(database + "_queues", database + "_subscriptions"));
        for (int partition = 0; partition < options.partitions(); partition++) {
            databases.add(database + "_messages_p" + partition);
        }
        return new DroppingStorage(storage, databases);
    }

    /** Drops the storage's databases when closed, so that a run leaves nothing behind. */
    private final class DroppingStorage implements MessageStorage {
        private final MongoMessageStorage delegate;
        private final List<String> databases;

        DroppingStorage(MongoMessageStorage delegate, List<String> databases) {
            this.delegate = delegate;
            this.databases = databases;
        }

        @Override
        public QueueStore queues() {
            return delegate.queues();
        }

        @Override
        public org.zaqar.core.model.QueueStats messageVolume() {
            return delegate.messageVolume();
        }

        @Override
        public MessageStore messages() {
            return delegate.messages();
        }

        @Override
        public ClaimStore claims() {
            return delegate.claims();
        }

        @Override
        public org.zaqar.core.storage.SubscriptionStore subscriptions() {
            return delegate.subscriptions();
        }

        @Override
        public boolean isAlive() {
            return delegate.isAlive();
        }

        @Override
        public void collectGarbage() {
            delegate.collectGarbage();
        }

        @Override
        public void close() {
            databases.forEach(name -> client.getDatabase(name).drop());
            delegate.close();
        }
    }
}
