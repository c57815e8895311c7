package org.zaqar.core.storage;

import java.time.InstantSource;

import org.zaqar.core.config.ConfigSection;
import org.zaqar.core.config.Option;
import org.zaqar.core.config.ZaqarConfig;

/**
 * What a driver gets to open a store.
 *
 * @param section the driver's own section ({@code [drivers:message_store:NAME]} or
 *                {@code [drivers:management_store:NAME]})
 * @param config  the whole configuration, for shared sections such as {@code [storage]}
 * @param clock   the only source of time a store may read
 * @param events  told about messages a message store expires or dead-letters
 */
public record StorageContext(ConfigSection section, ZaqarConfig config, InstantSource clock, MessageEvents events) {
    /** Read by the server and by drivers that enforce reliability (mongodb's write concern). */
    public static final Option<Boolean> UNRELIABLE = Option.bool(ZaqarConfig.DEFAULT_SECTION, "unreliable", false,
            "Disable all reliability constraints: the mongodb driver then accepts a standalone server or a write "
                    + "concern weaker than majority.");

    /** A context whose store reports its message events to no one. */
    public StorageContext(ConfigSection section, ZaqarConfig config, InstantSource clock) {
        this(section, config, clock, MessageEvents.NONE);
    }

    /** {@code [DEFAULT] unreliable}. */
    public boolean unreliable() {
        return UNRELIABLE.from(config);
    }
}
