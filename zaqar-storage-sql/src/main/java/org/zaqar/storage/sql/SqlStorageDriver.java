package org.zaqar.storage.sql;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zaqar.core.config.Option;
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
    private static final Logger LOG = LoggerFactory.getLogger(SqlStorageDriver.class);
    private static final String SECTION = "drivers:message_store:" + NAME;

    /** {@code [drivers:message_store:sqlalchemy] uri}; the management store's is the same option. */
    public static final Option<String> URI = Option.string(SECTION, "uri", SqlUri.DEFAULT,
            "An SQLAlchemy URL: sqlite:///relative/path.db, sqlite:////absolute/path.db, "
                    + "postgresql://user:password@host:5432/zaqar (also postgresql+psycopg2://), or "
                    + "mysql+pymysql://user:password@host:3306/zaqar?charset=utf8 (MySQL 8.0.1+ or MariaDB 10.6+; "
                    + "also mysql://, mariadb://, ?unix_socket=, ?read_default_file=, ?ssl_ca=). A PostgreSQL or "
                    + "MySQL schema is migrated with zaqar-sql-db-manage upgrade; the SQLite file migrates itself.")
            .secret().oldName("drivers:storage:" + NAME, "uri");
    /** SQLite's durability; both store sections take it, as the two stores may be one file. */
    public static final Option<String> SQLITE_SYNCHRONOUS = Option.string(SECTION, "sqlite_synchronous",
            DEFAULT_SQLITE_SYNCHRONOUS, "SQLite only: full makes every acknowledged write survive an operating "
                    + "system crash or power loss; normal waits for the disk only at checkpoints, so the latest "
                    + "writes survive a crash of the server process but may be lost with the machine, for faster "
                    + "writes.");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Option<?>> messageStoreOptions() {
        return List.of(URI, SQLITE_SYNCHRONOUS);
    }

    @Override
    public List<Option<?>> managementStoreOptions() {
        String section = "drivers:management_store:" + NAME;
        return List.of(URI.inSection(section), SQLITE_SYNCHRONOUS.inSection(section));
    }

    @Override
    public java.util.Set<String> uriSchemes() {
        return java.util.Set.of("sqlite", "postgresql", "mysql", "mariadb");
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
        SqlUri uri = SqlUri.parse(URI.from(context.section()));
        SqlDatabase database = SqlDatabase.open(uri,
                SqlDatabase.Synchronous.parse(SQLITE_SYNCHRONOUS.from(context.section())));
        LOG.info("[{}] store ready on {}", context.section().name(), uri.redacted());
        return database;
    }
}
