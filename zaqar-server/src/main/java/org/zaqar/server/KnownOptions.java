package org.zaqar.server;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.zaqar.core.config.Option;
import org.zaqar.core.config.ZaqarConfig;

/**
 * The zaqar.conf options this server knows, by section: those of {@link OptionRegistry}, each
 * driver's included. Anything else is reported as a warning at start-up and ignored (a typo in an
 * option name must not pass silently, and an option upstream knows but we do not must not stop us).
 */
final class KnownOptions {
    private KnownOptions() {
    }

    /** One line per unknown section or option, ready to log. */
    static List<String> unknown(ZaqarConfig config, StorageDrivers drivers) {
        Map<String, Set<String>> known = new HashMap<>();
        for (Option<?> option : OptionRegistry.all(drivers)) {
            known.computeIfAbsent(option.section(), section -> new HashSet<>()).add(option.name());
        }
        List<String> warnings = new ArrayList<>();
        config.sections().forEach((section, options) -> {
            Set<String> names = known.get(section);
            if (names == null) {
                if (!options.isEmpty()) { // an empty section sets nothing, so nothing is ignored
                    warnings.add("[" + section + "] is not a section this server reads; its "
                            + options.size() + " option(s) are ignored");
                }
                return;
            }
            for (String option : options.keySet()) {
                if (!names.contains(option)) {
                    warnings.add("[" + section + "] " + option + " is not a known option; it is ignored");
                }
            }
        });
        return warnings;
    }
}
