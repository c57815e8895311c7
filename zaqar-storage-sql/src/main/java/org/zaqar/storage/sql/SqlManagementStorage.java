package org.zaqar.storage.sql;

import org.zaqar.core.storage.ManagementStorage;

/** The control plane on one SQL database. Pools, flavors and the catalog come later. */
public final class SqlManagementStorage implements ManagementStorage {
    private final SqlDatabase database;

    SqlManagementStorage(SqlDatabase database) {
        this.database = database;
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
