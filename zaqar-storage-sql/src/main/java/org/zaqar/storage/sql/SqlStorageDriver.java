package org.zaqar.storage.sql;

import java.util.List;

import org.zaqar.core.config.Option;
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
    /** {@code [drivers:message_store:sqlalchemy] uri}; the management store's is the same option. */
    public static final Option<String> URI = Option.string("drivers:message_store:" + NAME, "uri", SqlUri.DEFAULT,
            "An SQLAlchemy URL: sqlite:///relative/path.db, sqlite:////absolute/path.db, or "
                    + "postgresql://user:password@host:5432/zaqar (also postgresql+psycopg2://). A PostgreSQL "
                    + "schema is migrated with zaqar-sql-db-manage upgrade; the SQLite file migrates itself.")
            .secret().oldName("drivers:storage:" + NAME, "uri");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Option<?>> messageStoreOptions() {
        return List.of(URI);
    }

    @Override
    public List<Option<?>> managementStoreOptions() {
        return List.of(URI.inSection("drivers:management_store:" + NAME));
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

    private static SqlDatabase open(StorageContext context) {
        return SqlDatabase.open(SqlUri.parse(URI.from(context.section())));
    }
}
