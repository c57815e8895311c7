package org.zaqar.server;

/**
 * One zaqar.conf option as the sample config documents it: upstream's section, name, type and
 * default, and a help text.
 *
 * @param section      e.g. {@code DEFAULT}, {@code drivers:transport:wsgi}
 * @param name         the option name
 * @param type         its oslo.config type, as the sample names it
 * @param defaultValue the default as written in zaqar.conf; empty for none
 * @param help         one paragraph, without the type
 * @param secret       true when the value is never printed (passwords, keys)
 */
record ConfigOption(String section, String name, Type type, String defaultValue, String help, boolean secret) {

    /** oslo.config's option types, with the words oslo-config-generator prints. */
    enum Type {
        BOOLEAN("boolean value"), INTEGER("integer value"), FLOAT("floating point value"),
        STRING("string value"), LIST("list value"), PORT("port value"), HOST_ADDRESS("host address value");

        final String description;

        Type(String description) {
            this.description = description;
        }
    }
}
