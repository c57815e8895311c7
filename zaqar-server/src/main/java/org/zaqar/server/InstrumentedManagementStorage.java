package org.zaqar.server;

import java.util.List;

import org.zaqar.core.model.Flavor;
import org.zaqar.core.model.Page;
import org.zaqar.core.model.Pool;
import org.zaqar.core.storage.CatalogStore;
import org.zaqar.core.storage.FlavorStore;
import org.zaqar.core.storage.ManagementStorage;
import org.zaqar.core.storage.PoolStore;

/** The control plane with every store call timed and traced ({@link StoreCalls}). */
final class InstrumentedManagementStorage implements ManagementStorage {
    private final ManagementStorage storage;
    private final StoreCalls calls;

    InstrumentedManagementStorage(ManagementStorage storage, StoreCalls calls) {
        this.storage = storage;
        this.calls = calls;
    }

    @Override
    public PoolStore pools() {
        PoolStore store = storage.pools();
        return new PoolStore() {
            @Override
            public void put(Pool pool) {
                calls.run("put_pool", () -> store.put(pool));
            }

            @Override
            public Pool get(String name) {
                return calls.call("get_pool", () -> store.get(name));
            }

            @Override
            public boolean exists(String name) {
                return calls.call("pool_exists", () -> store.exists(name));
            }

            @Override
            public Page<Pool> list(String marker, int limit) {
                return calls.call("list_pools", () -> store.list(marker, limit));
            }

            @Override
            public List<Pool> byFlavor(String flavor) {
                return calls.call("pools_by_flavor", () -> store.byFlavor(flavor));
            }

            @Override
            public void delete(String name) {
                calls.run("delete_pool", () -> store.delete(name));
            }
        };
    }

    @Override
    public FlavorStore flavors() {
        FlavorStore store = storage.flavors();
        return new FlavorStore() {
            @Override
            public void put(Flavor flavor) {
                calls.run("put_flavor", () -> store.put(flavor));
            }

            @Override
            public Flavor get(String project, String name) {
                return calls.call("get_flavor", () -> store.get(project, name));
            }

            @Override
            public boolean exists(String project, String name) {
                return calls.call("flavor_exists", () -> store.exists(project, name));
            }

            @Override
            public boolean existsInAnyProject(String name) {
                return calls.call("flavor_exists_in_any_project", () -> store.existsInAnyProject(name));
            }

            @Override
            public Page<Flavor> list(String project, String marker, int limit) {
                return calls.call("list_flavors", () -> store.list(project, marker, limit));
            }

            @Override
            public void delete(String project, String name) {
                calls.run("delete_flavor", () -> store.delete(project, name));
            }
        };
    }

    @Override
    public CatalogStore catalog() {
        CatalogStore store = storage.catalog();
        return new CatalogStore() {
            @Override
            public String insert(String project, String queue, String pool) {
                return calls.call("insert_catalog_entry", () -> store.insert(project, queue, pool));
            }

            @Override
            public String lookup(String project, String queue) {
                return calls.call("lookup_catalog_entry", () -> store.lookup(project, queue));
            }

            @Override
            public void delete(String project, String queue) {
                calls.run("delete_catalog_entry", () -> store.delete(project, queue));
            }

            @Override
            public Page<String> list(String project, String marker, int limit) {
                return calls.call("list_catalog_entries", () -> store.list(project, marker, limit));
            }

            @Override
            public long count(String project) {
                return calls.call("count_catalog_entries", () -> store.count(project));
            }

            @Override
            public long countInPool(String pool) {
                return calls.call("count_catalog_entries_in_pool", () -> store.countInPool(pool));
            }
        };
    }

    @Override
    public boolean isAlive() {
        return calls.call("is_alive", storage::isAlive);
    }

    @Override
    public void close() {
        storage.close();
    }
}
