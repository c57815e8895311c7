package org.zaqar.server.logging;

import java.util.Locale;

import ch.qos.logback.classic.Level;

/** Python logging's level names and numbers as Logback levels. */
final class PythonLevels {
    private PythonLevels() {
    }

    /** @return the level, or null for NOTSET (inherit) and for anything that is no level */
    static Level parse(String name) {
        String level = name.strip().toUpperCase(Locale.ROOT);
        return switch (level) {
            case "DEBUG" -> Level.DEBUG;
            case "INFO" -> Level.INFO;
            case "WARN", "WARNING" -> Level.WARN;
            case "ERROR", "CRITICAL", "FATAL" -> Level.ERROR;
            default -> level.matches("\\d+") ? ofNumber(Integer.parseInt(level)) : null;
        };
    }

    static boolean isNotSet(String name) {
        return name.strip().equalsIgnoreCase("NOTSET") || name.strip().equals("0");
    }

    /**
     * Python's numbers: 10 DEBUG, 20 INFO, 30 WARNING, 40 ERROR, 50 CRITICAL; below 10 is finer
     * than DEBUG, above 50 silent.
     */
    private static Level ofNumber(int number) {
        if (number == 0) {
            return null;
        }
        if (number < 10) {
            return Level.TRACE;
        }
        if (number < 20) {
            return Level.DEBUG;
        }
        if (number < 30) {
            return Level.INFO;
        }
        if (number < 40) {
            return Level.WARN;
        }
        // Above CRITICAL (50) nothing passes, as in Python.
        return number <= 50 ? Level.ERROR : Level.OFF;
    }
}
