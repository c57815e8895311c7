package org.zaqar.storage.sql;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zaqar.core.error.ZaqarException;

/**
 * A MySQL option file ({@code my.cnf} format), read as the MySQL client library reads it for
 * {@code read_default_file} and {@code read_default_group}: the {@code [client]} group, then the
 * named group, later values winning. Option names are lower-cased and spelled with dashes
 * ({@code ssl_ca} and {@code ssl-ca} are one option); a name without a value is {@code "1"};
 * quotes around a value are removed. {@code !include} directives are not followed.
 */
final class SqlMysqlOptionFile {
    private static final Logger LOG = LoggerFactory.getLogger(SqlMysqlOptionFile.class);

    private SqlMysqlOptionFile() {
    }

    /**
     * The options of {@code [client]} and {@code [group]}. A missing file reads as empty, with a
     * warning, as the Python drivers do.
     *
     * @throws ZaqarException VALIDATION_FAILED when the file exists but cannot be read
     */
    static Map<String, String> read(Path file, String group) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            LOG.warn("the MySQL option file {} (read_default_file of the sqlalchemy uri) does not exist", file);
            return Map.of();
        } catch (IOException e) {
            throw ZaqarException.validation("cannot read the MySQL option file " + file + ": " + e);
        }
        return parse(lines, group);
    }

    static Map<String, String> parse(List<String> lines, String group) {
        Map<String, String> client = new HashMap<>();
        Map<String, String> named = new HashMap<>();
        Map<String, String> current = null;
        String wanted = group.toLowerCase(Locale.ROOT);
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";") || line.startsWith("!")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                String name = line.substring(1, line.length() - 1).strip().toLowerCase(Locale.ROOT);
                current = name.equals("client") ? client : name.equals(wanted) ? named : null;
                continue;
            }
            if (current == null) {
                continue;
            }
            int equals = line.indexOf('=');
            String name = (equals < 0 ? line : line.substring(0, equals)).strip().toLowerCase(Locale.ROOT)
                    .replace('_', '-');
            current.put(name, equals < 0 ? "1" : value(line.substring(equals + 1)));
        }
        Map<String, String> options = new HashMap<>(client);
        options.putAll(named);
        return options;
    }

    /** A value without its quotes, or without a trailing comment when unquoted. */
    private static String value(String text) {
        String value = text.strip();
        if (value.length() >= 2 && (value.startsWith("\"") || value.startsWith("'"))) {
            int close = value.indexOf(value.charAt(0), 1);
            if (close > 0) {
                return value.substring(1, close);
            }
        }
        int comment = value.indexOf(" #");
        return comment < 0 ? value : value.substring(0, comment).strip();
    }
}
