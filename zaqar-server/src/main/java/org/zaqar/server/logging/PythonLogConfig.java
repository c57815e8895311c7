package org.zaqar.server.logging;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.Layout;
import org.zaqar.core.config.ConfigSection;
import org.zaqar.core.config.ZaqarConfig;
import org.zaqar.core.error.ZaqarException;

/**
 * {@code log_config_append}: a Python logging file in {@code logging.config.fileConfig}'s INI
 * form, applied to Logback. Loggers ({@code qualname}, {@code level}, {@code handlers},
 * {@code propagate}), handlers writing to a file, a standard stream or syslog (with their level
 * and formatter) and formatters ({@code format}, {@code datefmt}; oslo.log's ContextFormatter
 * and JSONFormatter) carry over; the rest is named in one warning.
 */
final class PythonLogConfig {
    private static final Pattern QUOTED = Pattern.compile("'([^']*)'|\"([^\"]*)\"");
    private static final Pattern HOST_PORT = Pattern.compile("\\(\\s*['\"]([^'\"]+)['\"]\\s*,\\s*(\\d+)\\s*\\)");
    private static final Pattern FACILITY = Pattern.compile("LOG_([A-Z0-9]+)");

    private final ZaqarConfig file;
    private final LoggerContext context;
    private final LogbackAppenders appenders;
    private final OsloFormats formats;
    private final InetSocketAddress syslog;
    private final List<String> ignored = new ArrayList<>();
    private final Map<String, Appender<ILoggingEvent>> handlers = new HashMap<>();

    /** The format strings of zaqar.conf, which oslo.log's ContextFormatter uses whatever the file says. */
    record OsloFormats(String dateFormat, String contextFormat, String defaultFormat) {
    }

    private PythonLogConfig(ZaqarConfig file, LoggerContext context, OsloFormats formats, InetSocketAddress syslog) {
        this.file = file;
        this.context = context;
        this.appenders = new LogbackAppenders(context);
        this.formats = formats;
        this.syslog = syslog;
    }

    /**
     * Resets {@code context} and configures it as {@code path} says.
     *
     * @return one line naming what was ignored, or null when everything carried over
     * @throws ZaqarException VALIDATION_FAILED when the file cannot be read or names a missing section
     */
    static String load(LoggerContext context, Path path, OsloFormats formats, InetSocketAddress syslog,
                       List<String> warnings) {
        ZaqarConfig file;
        try {
            file = ZaqarConfig.parse(Files.readString(path));
        } catch (IOException e) {
            throw ZaqarException.validation("log_config_append: cannot read " + path + ": " + e.getMessage());
        }
        PythonLogConfig config = new PythonLogConfig(file, context, formats, syslog);
        context.reset();
        OsloLogging.setLevels(context, OsloLogging.LIBRARY_LEVELS, warnings);
        for (String name : config.keys("loggers")) {
            config.logger(name, warnings);
        }
        return config.ignored.isEmpty() ? null
                : "log_config_append " + path + ": ignored " + String.join("; ", config.ignored);
    }

    /** A key of a logging file's section, or {@code fallback} when it is absent. */
    private static String value(ConfigSection section, String key, String fallback) {
        return section.values().getOrDefault(key, fallback);
    }

    /** A comma-separated list as Python's fileConfig and oslo.config's ListOpt read it. */
    static List<String> splitList(String value) {
        return java.util.Arrays.stream(value.split(",")).map(String::strip).filter(item -> !item.isEmpty()).toList();
    }

    private List<String> keys(String section) {
        return splitList(value(file.section(section), "keys", ""));
    }

    private ConfigSection required(String section) {
        if (!file.sections().containsKey(section)) {
            throw ZaqarException.validation("log_config_append: section [" + section + "] is missing");
        }
        return file.section(section);
    }

    private void logger(String name, List<String> warnings) {
        ConfigSection section = required("logger_" + name);
        Logger logger = context.getLogger(name.equals("root") ? Logger.ROOT_LOGGER_NAME
                : value(section, "qualname", name));
        String level = value(section, "level", "NOTSET");
        if (PythonLevels.isNotSet(level)) {
            logger.setLevel(name.equals("root") ? Level.TRACE : null);
        } else if (PythonLevels.parse(level) != null) {
            logger.setLevel(PythonLevels.parse(level));
        } else {
            ignored.add("[logger_" + name + "] level " + level);
        }
        logger.setAdditive(!value(section, "propagate", "1").strip().equals("0"));
        for (String handler : splitList(value(section, "handlers", ""))) {
            Appender<ILoggingEvent> appender = handlers.computeIfAbsent(handler, h -> handler(h, warnings));
            if (appender != null) {
                logger.addAppender(appender);
            }
        }
    }

    /** @return null for a handler with no Logback equivalent (named in the ignored list) */
    private Appender<ILoggingEvent> handler(String name, List<String> warnings) {
        ConfigSection section = required("handler_" + name);
        String type = value(section, "class", "").strip();
        String args = value(section, "args", "()");
        Layout<ILoggingEvent> layout = layout(value(section, "formatter", ""), warnings);
        Appender<ILoggingEvent> appender;
        if (type.endsWith("SysLogHandler")) {
            appender = appenders.syslog(name, syslogAddress(name, args), syslogFacility(args), layout);
        } else if (type.endsWith("FileHandler")) {
            Matcher path = QUOTED.matcher(args);
            if (!path.find()) {
                ignored.add("[handler_" + name + "] (no file name in args)");
                return null;
            }
            if (!type.endsWith(".FileHandler") && !type.equals("FileHandler") && !type.endsWith("WatchedFileHandler")) {
                ignored.add("[handler_" + name + "] rotation of " + type + " (the file is appended to)");
            }
            appender = appenders.file(name, Path.of(path.group(1) != null ? path.group(1) : path.group(2)), layout);
        } else if (type.endsWith("StreamHandler") || type.endsWith("ColorHandler")) {
            appender = appenders.console(name, !args.contains("sys.stdout"), layout);
        } else {
            ignored.add("[handler_" + name + "] class " + type);
            return null;
        }
        String level = value(section, "level", "NOTSET");
        if (!PythonLevels.isNotSet(level)) {
            ThresholdFilter threshold = new ThresholdFilter();
            threshold.setLevel(String.valueOf(PythonLevels.parse(level)));
            threshold.start();
            appender.addFilter(threshold);
        }
        return appender;
    }

    private InetSocketAddress syslogAddress(String name, String args) {
        Matcher hostPort = HOST_PORT.matcher(args);
        if (hostPort.find()) {
            return new InetSocketAddress(hostPort.group(1), Integer.parseInt(hostPort.group(2)));
        }
        if (QUOTED.matcher(args).find()) {
            ignored.add("[handler_" + name + "] socket path (syslog goes to " + syslog.getHostString() + ":"
                    + syslog.getPort() + " over UDP)");
        }
        return syslog;
    }

    private static String syslogFacility(String args) {
        Matcher constant = FACILITY.matcher(args);
        if (constant.find()) {
            return OsloLogging.SyslogFacility.of(constant.group(1));
        }
        Matcher quoted = QUOTED.matcher(args.replaceFirst(HOST_PORT.pattern(), ""));
        while (quoted.find()) {
            String text = quoted.group(1) != null ? quoted.group(1) : quoted.group(2);
            if (!text.startsWith("/")) {
                return OsloLogging.SyslogFacility.of(text);
            }
        }
        return "USER";
    }

    private Layout<ILoggingEvent> layout(String formatter, List<String> warnings) {
        ConfigSection section = formatter.isBlank() ? ConfigSection.empty("formatter_")
                : required("formatter_" + formatter);
        String type = value(section, "class", "logging.Formatter");
        PythonLogFormat format = new PythonLogFormat(value(section, "datefmt", formats.dateFormat()), warnings);
        if (type.endsWith("JSONFormatter")) {
            return new OsloJsonLayout(format.dateFormat());
        }
        if (type.endsWith("ContextFormatter")) {
            return new ContextFormatLayout(context, format.pattern(formats.contextFormat(), "logging_context_format_string"),
                    format.pattern(formats.defaultFormat(), "logging_default_format_string"));
        }
        if (!type.endsWith("logging.Formatter") && !type.equals("Formatter")) {
            ignored.add("[formatter_" + formatter + "] class " + type + " (its format is used)");
        }
        PatternLayout layout = new PatternLayout();
        layout.getInstanceConverterMap().put(PythonLevelConverter.NAME, PythonLevelConverter.class.getName());
        layout.setPattern(format.pattern(value(section, "format", "%(message)s"), "[formatter_" + formatter + "]"));
        return layout;
    }
}
