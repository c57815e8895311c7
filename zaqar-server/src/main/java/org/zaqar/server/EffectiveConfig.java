package org.zaqar.server;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.zaqar.core.config.Option;
import org.zaqar.core.config.ZaqarConfig;

/**
 * Renders the effective configuration in INI form: every option this server reads, at the value
 * it uses (the default when the files do not set it), then what the files set that it ignores.
 * Secrets are masked.
 */
final class EffectiveConfig {
    private EffectiveConfig() {
    }

    static String render(ZaqarConfig config) {
        List<Option<?>> options = OptionRegistry.all(new StorageDrivers(EffectiveConfig.class.getClassLoader()));
        Map<String, StringBuilder> sections = new LinkedHashMap<>();
        Set<String> known = new HashSet<>();
        for (Option<?> option : options) {
            known.add(option.section() + "\n" + option.name());
            String raw = config.section(option.section()).values().get(option.name());
            String value = raw == null ? option.defaultText() : raw;
            String shown = option.isSecret() && !value.isEmpty() ? maskSecret(value) : value;
            sections.computeIfAbsent(option.section(), section -> new StringBuilder())
                    .append(option.name()).append(" = ").append(shown).append('\n');
        }
        config.sections().forEach((section, values) -> values.forEach((name, value) -> {
            if (!known.contains(section + "\n" + name)) {
                sections.computeIfAbsent(section, unused -> new StringBuilder()).append("# ignored: ")
                        .append(name).append(" = ").append(mask(name, value)).append('\n');
            }
        }));
        StringBuilder out = new StringBuilder();
        out.append("# options = ").append(ServerOptions.from(config)).append('\n');
        sections.forEach((section, lines) -> out.append('[').append(section).append("]\n").append(lines).append('\n'));
        return out.toString();
    }

    /** A declared secret: a URI keeps all but its passwords, anything else is hidden. */
    private static String maskSecret(String value) {
        return value.matches("[A-Za-z][A-Za-z0-9+.-]*:.*") ? maskUriPassword(value) : "****";
    }

    /** An option we do not declare: hidden when its name looks secret, and any URI password. */
    static String mask(String option, String value) {
        String name = option.toLowerCase(Locale.ROOT);
        if (name.contains("password") || name.contains("secret") || name.endsWith("_key") || name.endsWith("_keys") || name.equals("key")) {
            return "****";
        }
        return maskUriPassword(value);
    }

    private static String maskUriPassword(String value) {
        return value.replaceAll("(://[^:/@]*:)[^@/]*@", "$1****@")
                .replaceAll("^(redis::)[^@]*@", "$1****@") // redis::password@/unix/socket
                .replaceAll("([?&][A-Za-z_]*password=)[^&]*", "$1****"); // ?sentinel_password=...
    }
}
