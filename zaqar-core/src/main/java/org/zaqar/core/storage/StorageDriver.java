package org.zaqar.core.storage;

import java.util.List;
import java.util.Set;

import org.zaqar.core.config.Option;
import org.zaqar.core.error.ZaqarException;

/**
 * A storage backend, found with {@link java.util.ServiceLoader} and chosen by its upstream driver
 * name in {@code [drivers] message_store} / {@code management_store} ({@code sqlalchemy},
 * {@code redis}, {@code mongodb}, {@code swift}).
 */
public interface StorageDriver {

    /** Upstream's driver name, as written in zaqar.conf. */
    String name();

    /**
     * Other names upstream registers for this driver's data plane ({@code [drivers] message_store}
     * only), such as {@code mongodb.fifo}. The driver still reads {@code [drivers:message_store:NAME]}
     * under its {@link #name()}, as upstream's option groups do.
     */
    default Set<String> messageStoreAliases() {
        return Set.of();
    }

    /**
     * The uri schemes of this driver's stores ("sqlite", "redis", ...): with pooling, a pool's uri
     * picks the driver that opens it by its scheme (the part before ':' and before any '+').
     */
    default Set<String> uriSchemes() {
        return Set.of();
    }

    /**
     * The options this driver reads from {@code [drivers:message_store:NAME]}, declared with that
     * section: the sample config lists them, and the server warns about any other option there.
     */
    List<Option<?>> messageStoreOptions();

    /** The options this driver reads from {@code [drivers:management_store:NAME]}, declared with that section. */
    List<Option<?>> managementStoreOptions();

    /**
     * Connects the data plane. Reads its options from {@code [drivers:message_store:NAME]}.
     *
     * @throws ZaqarException VALIDATION_FAILED for bad options, STORAGE_UNAVAILABLE when the store cannot be reached
     */
    MessageStorage openMessageStore(StorageContext context);

    /**
     * Connects the control plane. Reads its options from {@code [drivers:management_store:NAME]}.
     */
    default ManagementStorage openManagementStore(StorageContext context) {
        throw ZaqarException.unsupported("A management store on driver " + name());
    }
}
