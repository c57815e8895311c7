package org.zaqar.storage.redis;

import java.util.List;

import org.zaqar.core.config.Option;
import org.zaqar.core.storage.ManagementStorage;
import org.zaqar.core.storage.MessageStorage;
import org.zaqar.core.storage.StorageContext;
import org.zaqar.core.storage.StorageDriver;

/**
 * The {@code redis} driver. Options come from the driver's own section
 * ({@code [drivers:message_store:redis]} or {@code [drivers:management_store:redis]}); see
 * {@link RedisOptions} and {@link RedisUri} for the accepted forms.
 */
public final class RedisStorageDriver implements StorageDriver {
    public static final String NAME = "redis";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public java.util.Set<String> uriSchemes() {
        return java.util.Set.of("redis");
    }

    @Override
    public List<Option<?>> messageStoreOptions() {
        return RedisOptions.OPTIONS;
    }

    @Override
    public List<Option<?>> managementStoreOptions() {
        return RedisOptions.OPTIONS.stream().<Option<?>>map(option -> option.inSection("drivers:management_store:" + NAME))
                .toList();
    }

    @Override
    public MessageStorage openMessageStore(StorageContext context) {
        RedisOptions options = RedisOptions.from(context.section());
        return new RedisMessageStorage(RedisConnection.open(options), context.clock(), context.events());
    }

    @Override
    public ManagementStorage openManagementStore(StorageContext context) {
        RedisOptions options = RedisOptions.from(context.section());
        return new RedisManagementStorage(RedisConnection.open(options));
    }
}
