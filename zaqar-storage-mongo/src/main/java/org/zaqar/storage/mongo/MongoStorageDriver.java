package org.zaqar.storage.mongo;

import com.mongodb.client.MongoClient;
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

    @Override
    public MessageStorage openMessageStore(StorageContext context) {
        MongoStorageOptions options = MongoStorageOptions.forMessageStore(context.section());
        MongoClient client = MongoConnections.open(options);
        try {
            return new MongoMessageStorage(client, true, options, context.clock(), true);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    @Override
    public ManagementStorage openManagementStore(StorageContext context) {
        MongoStorageOptions options = MongoStorageOptions.forManagementStore(context.section());
        MongoClient client = MongoConnections.open(options);
        MongoManagementStorage storage = new MongoManagementStorage(client);
        if (!storage.isAlive()) {
            storage.close();
            throw ZaqarException.unavailable("MongoDB at " + options.maskedUri() + " does not answer a ping", null);
        }
        return storage;
    }
}
