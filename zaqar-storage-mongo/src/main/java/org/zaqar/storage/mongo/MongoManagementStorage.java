package org.zaqar.storage.mongo;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.zaqar.core.storage.CatalogStore;
import org.zaqar.core.storage.FlavorStore;
import org.zaqar.core.storage.ManagementStorage;
import org.zaqar.core.storage.PoolStore;

/**
 * The control plane on MongoDB: the {@code pools}, {@code flavors} and {@code catalogue}
 * collections of the {@code database} option's database, as upstream.
 */
public final class MongoManagementStorage implements ManagementStorage {
    private final MongoClient client;
    private final MongoPoolStore pools;
    private final MongoFlavorStore flavors;
    private final MongoCatalogStore catalog;

    MongoManagementStorage(MongoClient client, MongoDatabase database, MongoRetry retry) {
        this.client = client;
        this.pools = new MongoPoolStore(database.getCollection("pools"), retry);
        this.flavors = new MongoFlavorStore(database.getCollection("flavors"), retry);
        this.catalog = new MongoCatalogStore(database.getCollection("catalogue"), retry);
    }

    @Override
    public PoolStore pools() {
        return pools;
    }

    @Override
    public FlavorStore flavors() {
        return flavors;
    }

    @Override
    public CatalogStore catalog() {
        return catalog;
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
