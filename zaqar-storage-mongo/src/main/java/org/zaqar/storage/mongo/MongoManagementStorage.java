package org.zaqar.storage.mongo;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import org.bson.Document;
import org.zaqar.core.storage.ManagementStorage;

/** The control plane on MongoDB; pools, flavors and the catalog come with the pooling issue. */
public final class MongoManagementStorage implements ManagementStorage {
    private final MongoClient client;

    MongoManagementStorage(MongoClient client) {
        this.client = client;
    }

    @Override
    public boolean isAlive() {
        return ping(client);
    }

    static boolean ping(MongoClient client) {
        try {
            Document reply = client.getDatabase("admin").runCommand(new Document("ping", 1));
            return reply.get("ok") instanceof Number ok && ok.doubleValue() == 1.0;
        } catch (MongoException e) {
            return false;
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
