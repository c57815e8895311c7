package org.zaqar.server;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.zaqar.core.config.Option;
import org.zaqar.core.config.TransportLimits;
import org.zaqar.core.config.ZaqarConfig;
import org.zaqar.core.storage.StorageDriver;
import org.zaqar.notify.NotificationOptions;

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

    /** oslo.log's options: accepted so an upstream zaqar.conf loads; logging is Logback's. */
    static final List<Option<?>> LOGGING = List.of(
            Option.bool(DEFAULT, "debug", false, "Accepted for compatibility (oslo.log); set "
                    + "ZAQAR_LOG_LEVEL=DEBUG or edit logback.xml instead."),
            Option.bool(DEFAULT, "verbose", true, "Accepted for compatibility (oslo.log)."),
            Option.string(DEFAULT, "log_file", null, "Accepted for compatibility (oslo.log); log files are "
                    + "configured in logback.xml."),
            Option.string(DEFAULT, "log_dir", null, "Accepted for compatibility (oslo.log)."),
            Option.string(DEFAULT, "log_config_append", null, "Accepted for compatibility (oslo.log); point "
                    + "-Dlogback.configurationFile at a logback.xml instead."),
            Option.bool(DEFAULT, "use_stderr", false, "Accepted for compatibility (oslo.log)."),
            Option.bool(DEFAULT, "use_syslog", false, "Accepted for compatibility (oslo.log)."),
            Option.bool(DEFAULT, "use_journal", false, "Accepted for compatibility (oslo.log)."),
            Option.bool(DEFAULT, "use_json", false, "Accepted for compatibility (oslo.log)."),
            Option.string(DEFAULT, "log_date_format", "%Y-%m-%d %H:%M:%S", "Accepted for compatibility "
                    + "(oslo.log)."),
            Option.string(DEFAULT, "logging_context_format_string", null, "Accepted for compatibility (oslo.log)."),
            Option.string(DEFAULT, "logging_default_format_string", null, "Accepted for compatibility (oslo.log)."),
            Option.list(DEFAULT, "default_log_levels", null, "Accepted for compatibility (oslo.log)."),
            Option.bool(DEFAULT, "publish_errors", false, "Accepted for compatibility (oslo.log)."),
            Option.bool(DEFAULT, "watch_log_file", false, "Accepted for compatibility (oslo.log)."));

    /** {@code [storage]}: upstream's pipelines, accepted; no stages are available yet. */
    static final List<Option<?>> STORAGE = List.of("queue", "message", "claim", "subscription", "topic").stream()
            .<Option<?>>map(resource -> Option.list("storage", resource + "_pipeline", null, "Pipeline to use for "
                    + "processing " + resource + " operations (accepted for compatibility; no stages are "
                    + "available yet)."))
            .toList();

    private OptionRegistry() {
    }

    /** Every option, sections in sample order; the drivers' sections come after {@code [drivers:transport:*]}. */
    static List<Option<?>> all(StorageDrivers drivers) {
        List<Option<?>> all = new ArrayList<>();
        List<Option<?>> server = ServerOptions.OPTIONS;
        all.addAll(server.stream().filter(option -> option.section().equals(DEFAULT)).toList());
        all.addAll(LOGGING);
        all.addAll(server.stream().filter(option -> !option.section().equals(DEFAULT)).toList());
        drivers.all().stream().sorted(Comparator.comparing(StorageDriver::name)).forEach(driver -> {
            all.addAll(driver.messageStoreOptions());
            all.addAll(driver.managementStoreOptions());
        });
        all.addAll(TransportLimits.OPTIONS);
        all.addAll(SecurityOptions.ENCRYPTION_OPTIONS);
        all.addAll(STORAGE);
        all.add(NotificationOptions.SECRET_KEY);
        all.add(ServerOptions.ENABLE_VIRTUAL_POOL);
        all.addAll(NotificationOptions.OPTIONS);
        all.addAll(ServerMetrics.OPTIONS);
        all.addAll(GuruMeditation.OPTIONS);
        all.addAll(Tracing.OPTIONS);
        all.addAll(KeystoneOptions.OPTIONS);
        all.addAll(SecurityOptions.CORS_OPTIONS);
        all.addAll(SecurityOptions.POLICY_OPTIONS);
        return List.copyOf(all);
    }
}
