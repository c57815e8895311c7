package org.zaqar.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zaqar.core.config.Option;
import org.zaqar.core.config.ZaqarConfig;

/**
 * Options upstream renamed or moved keep working under their old names and sections, as
 * oslo.config's {@code deprecated_opts} make them: each option's old names are declared with it
 * ({@link Option#oldNames()}). A value found under an old name is moved to the current name, with
 * a warning naming both; when the current name is set too, it wins and the old one is dropped.
 * Moving (not copying) makes this idempotent, and keeps the unknown-option warnings quiet about
 * names that are known, only old.
 */
final class OldOptionNames {
    private static final Logger LOG = LoggerFactory.getLogger(OldOptionNames.class);

    private OldOptionNames() {
    }

    /** The configuration with every old name moved to its current one; each move is logged. */
    static ZaqarConfig apply(ZaqarConfig config, List<Option<?>> options) {
        Result result = resolve(config, options);
        result.warnings().forEach(LOG::warn);
        return result.config();
    }

    /** The moves made, as logged, and the configuration after them. */
    record Result(ZaqarConfig config, List<String> warnings) {
    }

    static Result resolve(ZaqarConfig config, List<Option<?>> options) {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        config.sections().forEach((section, values) -> sections.put(section, new LinkedHashMap<>(values)));
        List<String> warnings = new ArrayList<>();
        List<Option.OldName> moved = new ArrayList<>();
        for (Option<?> option : options) {
            for (Option.OldName old : option.oldNames()) {
                String value = config.section(old.section()).values().get(old.name());
                if (value == null) {
                    continue;
                }
                moved.add(old);
                Map<String, String> current = sections.computeIfAbsent(option.section(), name -> new LinkedHashMap<>());
                if (current.containsKey(option.name())) {
                    warnings.add(old + " is deprecated and ignored: " + option + " is set too and wins");
                } else {
                    current.put(option.name(), value);
                    warnings.add(old + " is deprecated: read as " + option + "; please rename it");
                }
            }
        }
        for (Option.OldName old : moved) {
            Map<String, String> values = sections.get(old.section());
            if (values != null) {
                values.remove(old.name());
                if (values.isEmpty()) {
                    sections.remove(old.section());
                }
            }
        }
        return new Result(config.withSections(sections), List.copyOf(warnings));
    }
}
