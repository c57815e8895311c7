package org.zaqar.server.logging;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Translates Python logging's format strings ({@code %(levelname)s}) and strftime date formats
 * ({@code %Y-%m-%d}) into Logback patterns, so the oslo.log format options written for upstream
 * keep their meaning. Fields and directives without a Logback equivalent are dropped and named in
 * a warning the caller logs once configuration is done.
 */
final class PythonLogFormat {
    private static final Pattern FIELD = Pattern.compile("%\\((\\w+)\\)([-#0 +]*)(\\d*)(?:\\.\\d+)?([sdfrix])");

    /** Python record fields with a Logback converter; the width and '-' flag are kept. */
    private static final Map<String, String> CONVERTERS = Map.ofEntries(
            Map.entry("levelname", PythonLevelConverter.NAME),
            Map.entry("name", "logger"),
            Map.entry("message", "msg"),
            Map.entry("thread", "thread"),
            Map.entry("threadName", "thread"),
            Map.entry("funcName", "method"),
            Map.entry("lineno", "line"),
            Map.entry("pathname", "file"),
            Map.entry("filename", "file"),
            Map.entry("module", "class{0}"),
            Map.entry("relativeCreated", "relative"),
            Map.entry("request_id", "X{request_id:--}"),
            Map.entry("global_request_id", "X{global_request_id:--}"),
            Map.entry("user_identity", "X{user_identity:--}"),
            Map.entry("trace_id", "X{trace_id:--}"));

    private final String dateFormat;
    private final List<String> warnings;

    /**
     * @param pythonDateFormat the strftime format of {@code %(asctime)s} ({@code log_date_format})
     * @param warnings         where untranslatable fields are reported
     */
    PythonLogFormat(String pythonDateFormat, List<String> warnings) {
        this.warnings = warnings;
        this.dateFormat = javaDateFormat(pythonDateFormat, warnings);
    }

    /** The Logback date pattern of {@code %(asctime)s}, for layouts that format dates themselves. */
    String dateFormat() {
        return dateFormat;
    }

    /** A Logback pattern for a Python format string, ending in a newline as Python's handlers do. */
    String pattern(String pythonFormat, String optionName) {
        StringBuilder pattern = new StringBuilder();
        Matcher field = FIELD.matcher(pythonFormat);
        int last = 0;
        while (field.find()) {
            pattern.append(literal(pythonFormat.substring(last, field.start())));
            pattern.append(converter(field.group(1), field.group(2), field.group(3), optionName));
            last = field.end();
        }
        pattern.append(literal(pythonFormat.substring(last)));
        return pattern.append("%n").toString();
    }

    private String converter(String name, String flags, String width, String optionName) {
        return switch (name) {
            case "asctime" -> "%d{" + quoted(dateFormat) + "}";
            case "msecs" -> "%d{SSS}";
            case "process" -> Long.toString(ProcessHandle.current().pid());
            case "processName" -> "MainProcess";
            case "hostname" -> literal(hostName());
            case "project" -> "zaqar";
            // oslo.log's context fields that stay empty without an instance or a colour terminal
            case "instance", "color", "resource" -> "";
            default -> {
                String converter = CONVERTERS.get(name);
                if (converter == null) {
                    warnings.add(optionName + ": %(" + name + ")s has no equivalent here and is left out");
                    yield "";
                }
                String padding = width.isEmpty() ? "" : (flags.contains("-") ? "-" : "") + width;
                yield "%" + padding + converter;
            }
        };
    }

    /** This machine's name as Python's socket.gethostname() gives it, for %(hostname)s. */
    static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }

    /** Logback reads '%', '(', ')' and '\' specially; Python text is literal apart from '%%'. */
    private static String literal(String text) {
        return text.replace("%%", "%").replace("\\", "\\\\").replace("%", "\\%")
                .replace("(", "\\(").replace(")", "\\)");
    }

    /** Logback splits %d's option at a comma unless the date pattern is quoted. */
    private static String quoted(String datePattern) {
        return datePattern.contains(",") ? "\"" + datePattern + "\"" : datePattern;
    }

    private static final Map<Character, String> DATE_DIRECTIVES = Map.ofEntries(
            Map.entry('Y', "yyyy"), Map.entry('y', "yy"), Map.entry('m', "MM"), Map.entry('d', "dd"),
            Map.entry('H', "HH"), Map.entry('I', "hh"), Map.entry('M', "mm"), Map.entry('S', "ss"),
            Map.entry('f', "SSSSSS"), Map.entry('p', "a"), Map.entry('b', "MMM"), Map.entry('B', "MMMM"),
            Map.entry('a', "EEE"), Map.entry('A', "EEEE"), Map.entry('j', "DDD"), Map.entry('z', "Z"),
            Map.entry('Z', "z"), Map.entry('e', "d"));

    /** A java.time pattern for a strftime format; letters outside directives are quoted. */
    static String javaDateFormat(String strftime, List<String> warnings) {
        StringBuilder pattern = new StringBuilder();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < strftime.length(); i++) {
            char c = strftime.charAt(i);
            if (c == '%' && i + 1 < strftime.length()) {
                char directive = strftime.charAt(++i);
                if (directive == '%') {
                    text.append('%');
                    continue;
                }
                String mapped = DATE_DIRECTIVES.get(directive);
                if (mapped == null) {
                    warnings.add("log_date_format: %" + directive + " has no equivalent here and is left out");
                    continue;
                }
                appendText(pattern, text);
                pattern.append(mapped);
            } else {
                text.append(c);
            }
        }
        appendText(pattern, text);
        return pattern.toString();
    }

    private static void appendText(StringBuilder pattern, StringBuilder text) {
        if (!text.isEmpty()) {
            pattern.append('\'').append(text.toString().replace("'", "''")).append('\'');
            text.setLength(0);
        }
    }
}
