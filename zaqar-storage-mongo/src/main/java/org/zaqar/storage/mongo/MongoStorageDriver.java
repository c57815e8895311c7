package org.zaqar.storage.mongo;

import java.util.List;
import java.util.Set;

import com.mongodb.ConnectionString;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.connection.ClusterType;
import org.zaqar.core.config.Option;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.core.storage.ManagementStorage;
import org.zaqar.core.storage.MessageStorage;
import org.zaqar.core.storage.StorageContext;
import org.zaqar.core.storage.StorageDriver;

/** Upstream's {@code mongodb} driver, found with {@link java.util.ServiceLoader}. */
public final class MongoStorageDriver implements StorageDriver {
    public static final String NAME = "mongodb";

    @Override
    public String name() {
        return NAME;
    }

    /** Upstream's FIFO variant of the mongodb driver: ours keeps every queue in posting order already. */
    @Override
    public Set<String> messageStoreAliases() {
        return Set.of("mongodb.fifo");
    }

    @Override
    public java.util.Set<String> uriSchemes() {
        return java.util.Set.of("mongodb");
    }

    @Override
    public List<Option<?>> messageStoreOptions() {
        return MongoStorageOptions.MESSAGE_STORE_OPTIONS;
    }

    @Override
    public List<Option<?>> managementStoreOptions() {
        return MongoStorageOptions.MANAGEMENT_STORE_OPTIONS;
    }

    @Override
    public MessageStorage openMessageStore(StorageContext context) {
        MongoStorageOptions options = MongoStorageOptions.forMessageStore(context.section());
        MongoClient client = MongoConnections.open(options);
        try {
            MongoMessageStorage storage = new MongoMessageStorage(client, true, options, context.clock(), context.events(),
                    true);
            boolean unreliable = context.unreliable();
            checkReliability(client, options, unreliable);
            return storage;
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /**
     * Upstream's start-up check: messages are only safe on a replica set or behind mongos, written
     * with a durable write concern, unless {@code [DEFAULT] unreliable = true}.
     */
    static void checkReliability(MongoClient client, MongoStorageOptions options, boolean unreliable) {
        if (unreliable) {
            return;
        }
        ClusterType type = client.getClusterDescription().getType();
        if (type == ClusterType.STANDALONE) {
            throw ZaqarException.validation("MongoDB at " + options.maskedUri() + " is a standalone server:"
                    + " either a replica set or a mongos is required to guarantee message delivery"
                    + " (set [DEFAULT] unreliable = true to use it anyway)");
        }
        WriteConcern concern = new ConnectionString(options.uri()).getWriteConcern();
        if (concern != null && concern.getWObject() != null && !isDurable(concern)) {
            throw ZaqarException.validation("write concern w=" + concern.getWObject() + " in the uri makes the"
                    + " service unreliable; use w=majority or w>=2, or set [DEFAULT] unreliable = true");
        }
    }

    private static boolean isDurable(WriteConcern concern) {
        Object w = concern.getWObject();
        return w instanceof String tag ? tag.equals("majority") : concern.getW() >= 2;
    }

    @Override
    public ManagementStorage openManagementStore(StorageContext context) {
        MongoStorageOptions options = MongoStorageOptions.forManagementStore(context.section());
        MongoClient client = MongoConnections.open(options);
        MongoManagementStorage storage = new MongoManagementStorage(client, client.getDatabase(options.database()),
                MongoRetry.from(options));
        if (!storage.isAlive()) {
            storage.close();
            throw ZaqarException.unavailable("MongoDB at " + options.maskedUri() + " does not answer a ping", null);
        }
        return storage;
    }
}
