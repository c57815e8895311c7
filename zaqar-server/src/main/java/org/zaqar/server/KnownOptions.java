package org.zaqar.server;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.zaqar.core.config.ZaqarConfig;
import org.zaqar.core.storage.StorageDriver;

/**
 * The zaqar.conf options this server knows, by section, with upstream's names: those of
 * {@link OptionRegistry}, and for each driver's sections what the driver declares. Anything else is
 * reported as a warning at start-up (a typo in an option name must not pass silently).
 */
final class KnownOptions {
    private KnownOptions() {
    }

    /**
     * One line per unknown section or option, ready to log. Each driver declares the options of its
     * own sections, so a driver on the class path is known without being listed here.
     */
    static List<String> unknown(ZaqarConfig config, StorageDrivers drivers) {
        Map<String, Set<String>> sections = new HashMap<>(OptionRegistry.namesBySection());
        for (StorageDriver driver : drivers.all()) {
            sections.put("drivers:message_store:" + driver.name(), driver.messageStoreOptions());
            sections.put("drivers:management_store:" + driver.name(), driver.managementStoreOptions());
        }
        List<String> warnings = new ArrayList<>();
        config.sections().forEach((section, options) -> {
            Set<String> known = sections.get(section);
            if (known == null) {
                warnings.add("[" + section + "] is not a section this server reads; its "
                        + options.size() + " option(s) are ignored");
                return;
            }
            for (String option : options.keySet()) {
                if (!known.contains(option)) {
                    warnings.add("[" + section + "] " + option + " is not a known option; it is ignored");
                }
            }
        });
        return warnings;
    }
}
