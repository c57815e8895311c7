package org.zaqar.storage.redis;

import org.zaqar.core.storage.CatalogStore;
import org.zaqar.core.storage.FlavorStore;
import org.zaqar.core.storage.ManagementStorage;
import org.zaqar.core.storage.PoolStore;

/** The redis control plane: pools, flavors and the catalog (key layout in {@link RedisControlKeys}). */
final class RedisManagementStorage implements ManagementStorage {
    private final RedisConnection redis;
    private final RedisPoolStore pools;
    private final RedisFlavorStore flavors;
    private final RedisCatalogStore catalog;

    RedisManagementStorage(RedisConnection redis) {
        this.redis = redis;
        this.pools = new RedisPoolStore(redis);
        this.flavors = new RedisFlavorStore(redis);
        this.catalog = new RedisCatalogStore(redis);
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
        return redis.ping();
    }

    @Override
    public void close() {
        redis.close();
    }
}
