package org.zaqar.api;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.zaqar.core.model.Page;
import org.zaqar.core.model.Pool;
import org.zaqar.core.storage.CatalogStore;
import org.zaqar.core.storage.FlavorStore;
import org.zaqar.core.storage.ManagementStorage;
import org.zaqar.core.storage.PoolStore;

/** A real management store that counts the reads of the catalog and of the pools made through it. */
final class CountingManagementStorage implements ManagementStorage {
    private final ManagementStorage store;
    final AtomicInteger catalogReads = new AtomicInteger();
    final AtomicInteger poolReads = new AtomicInteger();
    private final CatalogStore catalog;
    private final PoolStore pools;

    CountingManagementStorage(ManagementStorage store) {
        this.store = store;
        this.catalog = new CatalogStore() {
            @Override
            public String insert(String project, String queue, String pool) {
                return store.catalog().insert(project, queue, pool);
            }

            @Override
            public String lookup(String project, String queue) {
                catalogReads.incrementAndGet();
                return store.catalog().lookup(project, queue);
            }

            @Override
            public void delete(String project, String queue) {
                store.catalog().delete(project, queue);
            }

            @Override
            public Page<String> list(String project, String marker, int limit) {
                catalogReads.incrementAndGet();
                return store.catalog().list(project, marker, limit);
            }

            @Override
            public long count(String project) {
                catalogReads.incrementAndGet();
                return store.catalog().count(project);
            }

            @Override
            public long countInPool(String pool) {
                catalogReads.incrementAndGet();
                return store.catalog().countInPool(pool);
            }
        };
        this.pools = new PoolStore() {
            @Override
            public void put(Pool pool) {
                store.pools().put(pool);
            }

            @Override
            public Pool get(String name) {
                poolReads.incrementAndGet();
                return store.pools().get(name);
            }

            @Override
            public boolean exists(String name) {
                poolReads.incrementAndGet();
                return store.pools().exists(name);
            }

            @Override
            public Page<Pool> list(String marker, int limit) {
                poolReads.incrementAndGet();
                return store.pools().list(marker, limit);
            }

            @Override
            public List<Pool> byFlavor(String flavor) {
                poolReads.incrementAndGet();
                return store.pools().byFlavor(flavor);
            }

            @Override
            public void delete(String name) {
                store.pools().delete(name);
            }
        };
    }

    /** Catalog and pool reads since the last call. */
    int readsSinceLastTime() {
        return catalogReads.getAndSet(0) + poolReads.getAndSet(0);
    }

    @Override
    public PoolStore pools() {
        return pools;
    }

    @Override
    public FlavorStore flavors() {
        return store.flavors();
    }

    @Override
    public CatalogStore catalog() {
        return catalog;
    }

    @Override
    public boolean isAlive() {
        return store.isAlive();
    }

    @Override
    public void close() {
        store.close();
    }
}
