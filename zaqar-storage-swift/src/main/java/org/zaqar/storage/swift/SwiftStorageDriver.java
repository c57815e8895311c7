package org.zaqar.storage.swift;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

import org.zaqar.core.config.ConfigSection;
import org.zaqar.core.config.Option;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.core.storage.MessageStorage;
import org.zaqar.core.storage.StorageContext;
import org.zaqar.core.storage.StorageDriver;

/**
 * The {@code swift} driver: a message store only, as upstream's. Its queues (names and metadata)
 * are kept where upstream keeps them, in the management store: this driver opens the queue store of
 * the driver {@code [drivers] management_store} names, on that driver's
 * {@code [drivers:management_store:NAME]} section.
 */
public final class SwiftStorageDriver implements StorageDriver {
    public static final String NAME = "swift";
    private static final String SECTION = "drivers:message_store:" + NAME;
    /** The driver that keeps the queues: {@code [drivers] management_store}, read here as the server reads it. */
    private static final Option<String> MANAGEMENT_STORE = Option.string("drivers", "management_store",
            "sqlalchemy", "Storage driver to use as the management store.");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> uriSchemes() {
        return Set.of("swift");
    }

    @Override
    public List<Option<?>> messageStoreOptions() {
        return SwiftOptions.OPTIONS;
    }

    /** Upstream's swift driver has no control plane, and neither has this one. */
    @Override
    public List<Option<?>> managementStoreOptions() {
        return List.of();
    }

    @Override
    public MessageStorage openMessageStore(StorageContext context) {
        SwiftOptions options = SwiftOptions.from(withConfiguredDefaults(context));
        String managementName = MANAGEMENT_STORE.from(context.config());
        if (managementName.equals(NAME)) {
            throw ZaqarException.validation("[drivers] management_store = swift: the swift driver keeps messages "
                    + "only; name sqlalchemy, redis or mongodb as the management store, which keeps the queues");
        }
        StorageDriver management = ServiceLoader.load(StorageDriver.class).stream().map(ServiceLoader.Provider::get)
                .filter(driver -> driver.name().equals(managementName)).findFirst()
                .orElseThrow(() -> ZaqarException.validation("[drivers] management_store = " + managementName
                        + ": no such storage driver, so the swift message store has nowhere to keep its queues"));
        MessageStorage queueOwner = management.openMessageStore(new StorageContext(
                context.config().section("drivers:management_store:" + managementName), context.config(),
                context.clock()));
        SwiftClient swift = new SwiftClient(options);
        return new SwiftMessageStorage(swift, queueOwner, context.clock(), context.events());
    }

    /**
     * A pool's section holds only its {@code uri}: the other options (auth_url, domains) then come
     * from {@code [drivers:message_store:swift]}.
     */
    private static ConfigSection withConfiguredDefaults(StorageContext context) {
        Map<String, String> values = new HashMap<>(context.config().section(SECTION).values());
        values.putAll(context.section().values());
        return new ConfigSection(context.section().name(), values);
    }
}
