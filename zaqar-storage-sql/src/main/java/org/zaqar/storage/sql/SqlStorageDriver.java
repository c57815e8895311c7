package org.zaqar.storage.sql;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zaqar.core.storage.ManagementStorage;
import org.zaqar.core.storage.MessageStorage;
import org.zaqar.core.storage.StorageContext;
import org.zaqar.core.storage.StorageDriver;

/**
 * Upstream's {@code sqlalchemy} driver: SQLite (the embedded default) or PostgreSQL, chosen by the
 * {@code uri} option of the driver's section, e.g.
 * <pre>
 * [drivers:message_store:sqlalchemy]
 * uri = postgresql://zaqar:secret@db.example.com:5432/zaqar
 * </pre>
 * Without a {@code uri} the store is the SQLite file {@value SqlUri#DEFAULT} (relative to the
 * working directory), whose schema is created or migrated on open; a PostgreSQL schema must be
 * migrated beforehand with {@code zaqar-sql-db-manage upgrade} (see {@link SqlSchema}).
 */
public final class SqlStorageDriver implements StorageDriver {
    public static final String NAME = "sqlalchemy";
    private static final Logger LOG = LoggerFactory.getLogger(SqlStorageDriver.class);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public java.util.Set<String> uriSchemes() {
        return java.util.Set.of("sqlite", "postgresql");
    }

    @Override
    public MessageStorage openMessageStore(StorageContext context) {
        return new SqlMessageStorage(open(context), context.clock(), context.events());
    }

    @Override
    public ManagementStorage openManagementStore(StorageContext context) {
        return new SqlManagementStorage(open(context));
    }

    /** Logs which section's store is ready: the message and management stores often share one uri. */
    private static SqlDatabase open(StorageContext context) {
        SqlUri uri = SqlUri.parse(context.section().getString("uri", SqlUri.DEFAULT));
        SqlDatabase database = SqlDatabase.open(uri);
        LOG.info("[{}] store ready on {}", context.section().name(), uri.redacted());
        return database;
    }
}
