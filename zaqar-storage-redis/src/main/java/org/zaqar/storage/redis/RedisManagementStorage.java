package org.zaqar.storage.redis;

import org.zaqar.core.storage.ManagementStorage;

/** The redis control plane; pools, flavors and the catalog come with the pooling work. */
final class RedisManagementStorage implements ManagementStorage {
    private final RedisConnection redis;

    RedisManagementStorage(RedisConnection redis) {
        this.redis = redis;
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
