package org.zaqar.storage.sql;

import org.zaqar.core.storage.ManagementStorage;
import org.zaqar.core.storage.MessageStorage;
import org.zaqar.core.storage.StorageContext;
import org.zaqar.core.storage.StorageDriver;

/**
 * Upstream's {@code sqlalchemy} driver: SQLite (the embedded default), PostgreSQL or MySQL/MariaDB,
 * chosen by the {@code uri} option of the driver's section, e.g.
 * <pre>
 * [drivers:message_store:sqlalchemy]
 * uri = postgresql://zaqar:secret@db.example.com:5432/zaqar
 * </pre>
 * Without a {@code uri} the store is the SQLite file {@value SqlUri#DEFAULT} (relative to the
 * working directory), whose schema is created or migrated on open; a PostgreSQL or MySQL schema
 * must be migrated beforehand with {@code zaqar-sql-db-manage upgrade} (see {@link SqlSchema}).
 * {@code sqlite_synchronous} ({@value #DEFAULT_SQLITE_SYNCHRONOUS} or {@code normal}) sets SQLite's
 * durability.
 */
public final class SqlStorageDriver implements StorageDriver {
    public static final String NAME = "sqlalchemy";
    /** Durable against an operating system crash: every commit waits for the disk. */
    public static final String DEFAULT_SQLITE_SYNCHRONOUS = "full";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public java.util.Set<String> uriSchemes() {
        return java.util.Set.of("sqlite", "postgresql", "mysql", "mariadb");
    }

    /** Both sections take the same options: the two stores may be one database. */
    private static final java.util.Set<String> OPTIONS = java.util.Set.of("uri", "sqlite_synchronous");

    @Override
    public java.util.Set<String> messageStoreOptions() {
        return OPTIONS;
    }

    @Override
    public java.util.Set<String> managementStoreOptions() {
        return OPTIONS;
    }

    @Override
    public MessageStorage openMessageStore(StorageContext context) {
        return new SqlMessageStorage(open(context), context.clock(), context.events());
    }

    @Override
    public ManagementStorage openManagementStore(StorageContext context) {
        return new SqlManagementStorage(open(context));
    }

    private static SqlDatabase open(StorageContext context) {
        return SqlDatabase.open(SqlUri.parse(context.section().getString("uri", SqlUri.DEFAULT)),
                SqlDatabase.Synchronous.parse(context.section().getString("sqlite_synchronous",
                        DEFAULT_SQLITE_SYNCHRONOUS)));
    }
}
