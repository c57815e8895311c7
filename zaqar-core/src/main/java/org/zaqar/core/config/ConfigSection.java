package org.zaqar.core.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;


/**
 * The options of one zaqar.conf section, as written (values not yet typed); an {@link Option}
 * reads its typed value from here.
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
}
