package org.zaqar.server;

import java.time.InstantSource;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.zaqar.core.config.ZaqarConfig;
import org.zaqar.core.storage.ManagementStorage;
import org.zaqar.core.storage.MessageEvents;
import org.zaqar.core.storage.MessageStorage;
import org.zaqar.core.storage.StorageContext;
import org.zaqar.core.storage.StorageDriver;
import org.zaqar.storage.sql.SqlStorageDriver;
import org.zaqar.storage.sql.SqlUri;

/** Opens the stores {@code [drivers]} names, for the server and the operator tools alike. */
final class ConfiguredStores {
    static final String MESSAGE_SECTION = "drivers:message_store:";
    static final String MANAGEMENT_SECTION = "drivers:management_store:";

    private ConfiguredStores() {
    }

    /** @param events told about the messages the store expires or dead-letters */
    static MessageStorage openMessages(ZaqarConfig config, ServerOptions options, StorageDrivers drivers,
                                       InstantSource clock, MessageEvents events) {
        StorageDriver driver = drivers.named(options.messageStore(), "message_store");
        return driver.openMessageStore(new StorageContext(config.section(MESSAGE_SECTION + driver.name()), config,
                clock, events));
    }

    static ManagementStorage openManagement(ZaqarConfig config, ServerOptions options, StorageDrivers drivers,
                                            InstantSource clock) {
        return drivers.named(options.managementStore(), "management_store").openManagementStore(new StorageContext(
                config.section(MANAGEMENT_SECTION + options.managementStore()), config, clock));
    }

    /** The distinct {@code uri}s of the stores that use the sqlalchemy driver, message store first. */
    static List<String> sqlUris(ZaqarConfig config, ServerOptions options) {
        Set<String> uris = new LinkedHashSet<>();
        if (options.messageStore().equals(SqlStorageDriver.NAME)) {
            uris.add(sqlUri(config, MESSAGE_SECTION));
        }
        if (options.managementStore().equals(SqlStorageDriver.NAME)) {
            uris.add(sqlUri(config, MANAGEMENT_SECTION));
        }
        return List.copyOf(uris);
    }

    private static String sqlUri(ZaqarConfig config, String prefix) {
        String uri = SqlStorageDriver.URI.from(config.section(prefix + SqlStorageDriver.NAME));
        // Equal stores written differently (relative vs absolute SQLite path) count once.
        SqlUri parsed = SqlUri.parse(uri);
        return parsed.sqliteFile() != null ? "sqlite:///" + parsed.sqliteFile() : uri;
    }
}
