package org.zaqar.core.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

import org.zaqar.core.error.ZaqarException;

/**
 * One zaqar.conf option, declared once beside the code that reads it: its section, name, type,
 * default, help, whether it is a secret, and the old names and sections it is still read under
 * (oslo.config's {@code deprecated_opts}). The code reads the value through the descriptor
 * ({@link #from(ConfigSection)}), and the sample config, {@code --print-config} and the
 * unknown-option warnings list the same descriptors, so the default is written in one place.
 *
 * @param <T> the Java type of the value: Boolean, Integer, Double, String or List of String
 */
public final class Option<T> {
    /** oslo.config's option types, with the words oslo-config-generator prints for each. */
    public enum Type {
        BOOLEAN("boolean value"), INTEGER("integer value"), FLOAT("floating point value"),
        STRING("string value"), LIST("list value"), PORT("port value"), HOST_ADDRESS("host address value");

        private final String description;

        Type(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /** A section and name the option was known by before (oslo.config's {@code DeprecatedOpt}). */
    public record OldName(String section, String name) {
        @Override
        public String toString() {
            return "[" + section + "] " + name;
        }
    }

    private final String section;
    private final String name;
    private final Type type;
    private final T defaultValue;
    private final String help;
    private final boolean secret;
    private final List<OldName> oldNames;
    private final Function<String, T> parser;

    private Option(String section, String name, Type type, T defaultValue, String help, boolean secret,
                   List<OldName> oldNames, Function<String, T> parser) {
        this.section = Objects.requireNonNull(section);
        this.name = Objects.requireNonNull(name);
        this.type = type;
        this.defaultValue = defaultValue;
        this.help = help;
        this.secret = secret;
        this.oldNames = List.copyOf(oldNames);
        this.parser = parser;
    }

    public static Option<Boolean> bool(String section, String name, Boolean defaultValue, String help) {
        return new Option<>(section, name, Type.BOOLEAN, defaultValue, help, false, List.of(), Option::parseBoolean);
    }

    public static Option<Integer> integer(String section, String name, Integer defaultValue, String help) {
        return new Option<>(section, name, Type.INTEGER, defaultValue, help, false, List.of(), Option::parseInteger);
    }

    /** oslo.config's PortOpt: an integer in 0..65535. */
    public static Option<Integer> port(String section, String name, Integer defaultValue, String help) {
        return new Option<>(section, name, Type.PORT, defaultValue, help, false, List.of(), Option::parsePort);
    }

    public static Option<Double> floating(String section, String name, Double defaultValue, String help) {
        return new Option<>(section, name, Type.FLOAT, defaultValue, help, false, List.of(), Option::parseDouble);
    }

    public static Option<String> string(String section, String name, String defaultValue, String help) {
        return new Option<>(section, name, Type.STRING, defaultValue, help, false, List.of(), String::strip);
    }

    public static Option<String> hostAddress(String section, String name, String defaultValue, String help) {
        return new Option<>(section, name, Type.HOST_ADDRESS, defaultValue, help, false, List.of(), String::strip);
    }

    /** oslo.config's ListOpt: comma separated, items trimmed, empty items dropped. */
    public static Option<List<String>> list(String section, String name, List<String> defaultValue, String help) {
        return new Option<>(section, name, Type.LIST, defaultValue == null ? null : List.copyOf(defaultValue), help,
                false, List.of(), Option::parseList);
    }

    /** The same option, never printed: passwords, keys, URIs with credentials. */
    public Option<T> secret() {
        return new Option<>(section, name, type, defaultValue, help, true, oldNames, parser);
    }

    /** The same option, also read under an old name in an old section (a warning names both). */
    public Option<T> oldName(String oldSection, String oldName) {
        List<OldName> names = new ArrayList<>(oldNames);
        names.add(new OldName(oldSection, oldName));
        return new Option<>(section, name, type, defaultValue, help, secret, names, parser);
    }

    /** The same option, also read under an old name in its own section. */
    public Option<T> oldName(String oldName) {
        return oldName(section, oldName);
    }

    /** The same option declared for another section: a driver's options in its message and management store sections. */
    public Option<T> inSection(String otherSection) {
        return new Option<>(otherSection, name, type, defaultValue, help, secret, oldNames, parser);
    }

    /**
     * The typed value in the given section (the option's own, or a copy of it, such as the section
     * a driver is handed), or the default when it is not set. A blank value is an empty string or
     * list, as in oslo.config, and the default for the other types.
     *
     * @throws ZaqarException VALIDATION_FAILED naming the section, option and value when it is not of the type
     */
    public T from(ConfigSection values) {
        String raw = values.values().get(name);
        if (raw == null || raw.isBlank() && !textual()) {
            return defaultValue;
        }
        try {
            return parser.apply(raw);
        } catch (IllegalArgumentException e) {
            throw ZaqarException.validation("[" + values.name() + "] " + name + " = '" + raw + "' is not "
                    + e.getMessage());
        }
    }

    /** The typed value in its own section of the configuration. */
    public T from(ZaqarConfig config) {
        return from(config.section(section));
    }

    private boolean textual() {
        return type == Type.STRING || type == Type.HOST_ADDRESS || type == Type.LIST;
    }

    /** True when the section sets the option to a non-blank value. */
    public boolean isSet(ConfigSection values) {
        String raw = values.values().get(name);
        return raw != null && !raw.isBlank();
    }

    public String section() {
        return section;
    }

    public String name() {
        return name;
    }

    public Type type() {
        return type;
    }

    public T defaultValue() {
        return defaultValue;
    }

    /** The default as zaqar.conf would spell it; empty when there is none. */
    public String defaultText() {
        if (defaultValue == null) {
            return "";
        }
        if (defaultValue instanceof List<?> items) {
            return String.join(",", items.stream().map(String::valueOf).toList());
        }
        return String.valueOf(defaultValue);
    }

    public String help() {
        return help;
    }

    public boolean isSecret() {
        return secret;
    }

    public List<OldName> oldNames() {
        return oldNames;
    }

    @Override
    public String toString() {
        return "[" + section + "] " + name;
    }

    private static Boolean parseBoolean(String raw) {
        // oslo.config's booleans, in any case
        return switch (raw.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException("a boolean (true/false)");
        };
    }

    private static Integer parseInteger(String raw) {
        try {
            return Integer.valueOf(raw.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("an integer");
        }
    }

    private static Integer parsePort(String raw) {
        Integer port;
        try {
            port = Integer.valueOf(raw.strip());
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("a port number (0..65535)");
        }
        return port;
    }

    private static Double parseDouble(String raw) {
        try {
            return Double.valueOf(raw.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a number");
        }
    }

    private static List<String> parseList(String raw) {
        return Arrays.stream(raw.split(",")).map(String::strip).filter(item -> !item.isEmpty()).toList();
    }
}
