package org.zaqar.core.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.zaqar.core.error.ZaqarException;

/**
 * A parsed zaqar.conf in oslo.config's INI form: {@code [section]} headers, {@code name = value}
 * (or {@code name: value}, or {@code name=value} as puppet writes it) lines, {@code #} and
 * {@code ;} comment lines (a {@code #} or {@code ;} inside a value is part of it), and
 * continuation lines that start with white space, up to a blank or comment line. Option names are
 * case sensitive as in oslo.config; section names other than {@code DEFAULT} are not. Later files
 * and later lines win.
 */
public final class ZaqarConfig {
    public static final String DEFAULT_SECTION = "DEFAULT";

    private final Map<String, Map<String, String>> sections;
    private final List<Path> files;

    private ZaqarConfig(Map<String, Map<String, String>> sections, List<Path> files) {
        this.sections = sections;
        this.files = List.copyOf(files);
    }

    public static ZaqarConfig empty() {
        return new ZaqarConfig(new LinkedHashMap<>(), List.of());
    }

    public static ZaqarConfig load(List<Path> files) {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        for (Path file : files) {
            String text;
            try {
                text = Files.readString(file);
            } catch (IOException e) {
                throw ZaqarException.validation("cannot read config file " + file + ": " + e.getMessage());
            }
            parseInto(sections, text, file.toString());
        }
        return new ZaqarConfig(sections, files);
    }

    public static ZaqarConfig parse(String text) {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        parseInto(sections, text, "<text>");
        return new ZaqarConfig(sections, List.of());
    }

    private static void parseInto(Map<String, Map<String, String>> sections, String text, String source) {
        String section = null;
        String lastOption = null;
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].stripTrailing();
            if (line.isEmpty()) {
                lastOption = null; // a blank line ends a multi-line value
                continue;
            }
            if (line.startsWith(" ") || line.startsWith("\t")) {
                if (lastOption == null) {
                    throw ZaqarException.validation(source + " line " + (i + 1) + ": unexpected continuation line '"
                            + line.strip() + "' (an indented line continues the value of the line above)");
                }
                Map<String, String> values = sections.get(section);
                values.put(lastOption, values.get(lastOption) + "\n" + line.strip());
                continue;
            }
            lastOption = null;
            if (line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[")) {
                if (!line.endsWith("]") || line.length() < 3) {
                    throw ZaqarException.validation(source + " line " + (i + 1) + ": bad section header '" + line + "'");
                }
                section = sectionName(line.substring(1, line.length() - 1));
                sections.computeIfAbsent(section, k -> new LinkedHashMap<>());
                continue;
            }
            int separator = indexOfSeparator(line);
            if (separator <= 0) {
                throw ZaqarException.validation(source + " line " + (i + 1) + ": expected 'name = value', found '" + line + "'");
            }
            if (section == null) {
                throw ZaqarException.validation(source + " line " + (i + 1) + ": option outside of any [section]");
            }
            String option = line.substring(0, separator).strip();
            String value = unquote(line.substring(separator + 1).strip());
            // a repeated option: the last value wins, as oslo.config's single-valued options
            sections.get(section).put(option, value);
            lastOption = option;
        }
    }

    /**
     * oslo.config's group names: {@code DEFAULT} exactly, every other section in any case (it
     * lower-cases them); so {@code [default]} is not {@code [DEFAULT]}, there as here.
     */
    private static String sectionName(String written) {
        return written.equals(DEFAULT_SECTION) ? written : written.toLowerCase(Locale.ROOT);
    }

    private static int indexOfSeparator(String line) {
        int equals = line.indexOf('=');
        int colon = line.indexOf(':');
        if (equals < 0) {
            return colon;
        }
        if (colon < 0) {
            return equals;
        }
        return Math.min(equals, colon);
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    /** The same files read, with these sections instead: the options as a later step reads them. */
    public ZaqarConfig withSections(Map<String, Map<String, String>> replacement) {
        return new ZaqarConfig(replacement, files);
    }

    /** The named section; options of {@code [DEFAULT]} are not merged in. Missing sections are empty. */
    public ConfigSection section(String name) {
        return new ConfigSection(name, sections.getOrDefault(name, Map.of()));
    }

    public ConfigSection defaults() {
        return section(DEFAULT_SECTION);
    }

    /**
     * The files read, in order (none when parsed from text): oslo.config looks for files a
     * relative option names, such as the policy file, next to them.
     */
    public List<Path> files() {
        return files;
    }

    /** Every section as written, for printing the effective configuration and warning about unknown options. */
    public Map<String, Map<String, String>> sections() {
        return sections;
    }
}
