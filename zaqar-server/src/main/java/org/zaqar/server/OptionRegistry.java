package org.zaqar.server;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.zaqar.core.config.Option;
import org.zaqar.core.config.TransportLimits;
import org.zaqar.core.config.ZaqarConfig;
import org.zaqar.core.storage.StorageDriver;
import org.zaqar.notify.NotificationOptions;
import org.zaqar.server.logging.OsloLogging;

/**
 * Every zaqar.conf option this server reads, in the order the sample config lists them: the
 * descriptors each reading class declares, gathered here. The sample ({@code etc/zaqar.conf},
 * {@link SampleConfig}), {@code --print-config} ({@link EffectiveConfig}), the unknown-option
 * warnings ({@link KnownOptions}) and the old names ({@link OldOptionNames}) all come from
 * this list, so documentation and code cannot drift. Each storage driver on the class path
 * declares its own sections.
 */
final class OptionRegistry {
    private static final String DEFAULT = ZaqarConfig.DEFAULT_SECTION;

    private OptionRegistry() {
    }

    /** Every option, sections in sample order; the drivers' sections come after {@code [drivers:transport:*]}. */
    static List<Option<?>> all(StorageDrivers drivers) {
        List<Option<?>> all = new ArrayList<>();
        List<Option<?>> server = ServerOptions.OPTIONS;
        all.addAll(server.stream().filter(option -> option.section().equals(DEFAULT)).toList());
        all.addAll(OsloLogging.OPTIONS);
        all.addAll(server.stream().filter(option -> !option.section().equals(DEFAULT)).toList());
        drivers.all().stream().sorted(Comparator.comparing(StorageDriver::name)).forEach(driver -> {
            all.addAll(driver.messageStoreOptions());
            all.addAll(driver.managementStoreOptions());
        });
        all.addAll(TransportLimits.OPTIONS);
        all.addAll(SecurityOptions.ENCRYPTION_OPTIONS);
        all.addAll(StoragePipelines.OPTIONS);
        all.addAll(CacheOptions.OPTIONS);
        all.add(NotificationOptions.SECRET_KEY);
        all.add(ServerOptions.ENABLE_VIRTUAL_POOL);
        all.addAll(NotificationOptions.OPTIONS);
        all.addAll(ServerMetrics.OPTIONS);
        all.add(ServerOptions.CONSOLE_ENABLED);
        all.addAll(GuruMeditation.OPTIONS);
        all.addAll(Tracing.OPTIONS);
        all.addAll(KeystoneOptions.OPTIONS);
        all.addAll(SecurityOptions.CORS_OPTIONS);
        all.addAll(SecurityOptions.POLICY_OPTIONS);
        return List.copyOf(all);
    }
}
