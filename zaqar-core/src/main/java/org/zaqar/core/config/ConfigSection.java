package org.zaqar.core.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.zaqar.core.error.ZaqarException;

/**
 * The options of one zaqar.conf section, as written (values not yet typed). Typed accessors fail
 * with a message naming the section, the option and the bad value.
 */
public final class ConfigSection {
    private final String name;
    private final Map<String, String> values;

    public ConfigSection(String name, Map<String, String> values) {
        this.name = name;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static ConfigSection empty(String name) {
        return new ConfigSection(name, Map.of());
    }

    public String name() {
        return name;
    }

    public Map<String, String> values() {
        return values;
    }

    public Optional<String> get(String option) {
        return Optional.ofNullable(values.get(option));
    }

    public String getString(String option, String defaultValue) {
        return values.getOrDefault(option, defaultValue);
    }

    public int getInt(String option, int defaultValue) {
        String raw = values.get(option);
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw invalid(option, raw, "an integer");
        }
    }

    public double getDouble(String option, double defaultValue) {
        String raw = values.get(option);
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        try {
            return Double.parseDouble(raw.trim());
        } catch (NumberFormatException e) {
            throw invalid(option, raw, "a number");
        }
    }

    /** oslo.config booleans: true/false, yes/no, on/off, 1/0, any case. */
    public boolean getBoolean(String option, boolean defaultValue) {
        String raw = values.get(option);
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        return switch (raw.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw invalid(option, raw, "a boolean (true/false)");
        };
    }

    private ZaqarException invalid(String option, String raw, String expected) {
        return ZaqarException.validation(
                "[" + name + "] " + option + " = '" + raw + "' is not " + expected);
    }
}
