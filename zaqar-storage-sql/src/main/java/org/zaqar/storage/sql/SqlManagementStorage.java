package org.zaqar.storage.sql;

import org.zaqar.core.storage.CatalogStore;
import org.zaqar.core.storage.FlavorStore;
import org.zaqar.core.storage.ManagementStorage;
import org.zaqar.core.storage.PoolStore;

/** The control plane on one SQL database: pools, flavors and the catalog. */
public final class SqlManagementStorage implements ManagementStorage {
    private final SqlDatabase database;
    private final SqlPoolStore pools;
    private final SqlFlavorStore flavors;
    private final SqlCatalogStore catalog;

    SqlManagementStorage(SqlDatabase database) {
        this.database = database;
        this.pools = new SqlPoolStore(database);
        this.flavors = new SqlFlavorStore(database);
        this.catalog = new SqlCatalogStore(database);
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
        return database.isAlive();
    }

    @Override
    public void close() {
        database.close();
    }
}
