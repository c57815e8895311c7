package org.zaqar.server;

import java.util.Locale;
import java.util.Map;

import org.zaqar.core.config.ZaqarConfig;

/** Renders the configuration as read, in INI form, with every secret masked. */
final class EffectiveConfig {
    private EffectiveConfig() {
    }

    static String render(ZaqarConfig config) {
        StringBuilder out = new StringBuilder();
        out.append("# options = ").append(ServerOptions.from(config)).append('\n');
        for (Map.Entry<String, Map<String, String>> section : config.sections().entrySet()) {
            out.append('[').append(section.getKey()).append("]\n");
            section.getValue().forEach((option, value) ->
                    out.append(option).append(" = ").append(mask(option, value)).append('\n'));
            out.append('\n');
        }
        return out.toString();
    }

    /** Hides passwords, keys and the password part of URIs. */
    static String mask(String option, String value) {
        String name = option.toLowerCase(Locale.ROOT);
        if (name.contains("password") || name.contains("secret") || name.endsWith("_key") || name.endsWith("_keys") || name.equals("key")) {
            return "****";
        }
        return value.replaceAll("(://[^:/@]*:)[^@/]*@", "$1****@")
                .replaceAll("^(redis::)[^@]*@", "$1****@"); // redis::password@/unix/socket
    }
}
