package org.zaqar.server.logging;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Layout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zaqar.core.config.ConfigSection;
import org.zaqar.core.error.ZaqarException;

/**
 * oslo.log's options ({@code [DEFAULT] debug, log_file, log_dir, use_json, use_syslog, ...} and
 * their command-line flags) read once and turned into a Logback configuration, as oslo.log's
 * {@code setup()} does for upstream's zaqar-server: a file when {@code log_file} or
 * {@code log_dir} is set, standard error with {@code use_stderr}, standard output when neither,
 * syslog in addition with {@code use_syslog}; {@code log_config_append} replaces all of that.
 */
public final class OsloLogging {
    /** The MDC key of the request id; a line carrying it is formatted with the context format. */
    public static final String REQUEST_ID_KEY = "request_id";
    /** Where syslog lines go, as Python's SysLogHandler sends them without a socket path. */
    public static final InetSocketAddress LOCAL_SYSLOG = new InetSocketAddress("localhost", 514);

    private static final Logger LOG = LoggerFactory.getLogger(OsloLogging.class);

    /** upstream's defaults of the two format strings (oslo.log _options.py), used when empty. */
    static final String CONTEXT_FORMAT = "%(asctime)s.%(msecs)03d %(process)d %(levelname)s %(name)s "
            + "[%(global_request_id)s %(request_id)s %(user_identity)s] %(instance)s%(message)s";
    static final String DATE_FORMAT = "%Y-%m-%d %H:%M:%S";
    static final String DEFAULT_FORMAT = "%(asctime)s.%(msecs)03d %(process)d %(levelname)s %(name)s "
            + "[-] %(instance)s%(message)s";

    /**
     * Libraries chatty at INFO; default_log_levels entries for the same loggers win. Javalin logs
     * a failed start at ERROR before throwing; the server reports that failure itself in one line,
     * so not twice (a level above CRITICAL, 50, silences a logger, as in Python).
     */
    static final List<String> LIBRARY_LEVELS = List.of("org.eclipse.jetty=WARN", "io.javalin=WARN",
            "io.javalin.Javalin=60", "com.zaxxer.hikari=WARN", "org.flywaydb=WARN", "org.mongodb.driver=WARN");

    /** oslo.log's command-line options: flag to option name; booleans also take a "--no" form. */
    private static final Map<String, String> VALUE_FLAGS = Map.of("--log-config-append", "log_config_append",
            "--log-config", "log_config_append", "--log-date-format", "log_date_format", "--log-file", "log_file",
            "--logfile", "log_file", "--log-dir", "log_dir", "--logdir", "log_dir",
            "--syslog-log-facility", "syslog_log_facility");
    private static final Map<String, String> BOOLEAN_FLAGS = Map.of("--debug", "debug", "-d", "debug",
            "--use-syslog", "use_syslog", "--use-journal", "use_journal", "--use-json", "use_json",
            "--watch-log-file", "watch_log_file");

    private final ConfigSection options;

    private OsloLogging(ConfigSection options) {
        this.options = options;
    }

    /**
     * @param defaults        zaqar.conf's {@code [DEFAULT]} section
     * @param commandLine     options given by flags ({@link #parseFlag}); they win over the files
     */
    public static OsloLogging from(ConfigSection defaults, Map<String, String> commandLine) {
        Map<String, String> merged = new HashMap<>(defaults.values());
        merged.putAll(commandLine);
        return new OsloLogging(new ConfigSection(defaults.name(), merged));
    }

    /**
     * Reads the oslo.log flag at {@code args[index]}, if it is one, into {@code into} (option
     * name to value) and returns how many arguments it took: 0 when it is no logging flag.
     *
     * @throws ZaqarException VALIDATION_FAILED when a flag lacks its value
     */
    public static int parseFlag(String[] args, int index, Map<String, String> into) {
        String arg = args[index];
        int equals = arg.indexOf('=');
        String flag = equals > 0 ? arg.substring(0, equals) : arg;
        String option = VALUE_FLAGS.get(flag);
        if (option != null) {
            if (equals > 0) {
                into.put(option, arg.substring(equals + 1));
                return 1;
            }
            if (index + 1 >= args.length) {
                throw ZaqarException.validation(flag + " needs a value");
            }
            into.put(option, args[index + 1]);
            return 2;
        }
        if (BOOLEAN_FLAGS.containsKey(arg)) {
            into.put(BOOLEAN_FLAGS.get(arg), "true");
            return 1;
        }
        if (arg.startsWith("--no") && BOOLEAN_FLAGS.containsKey("--" + arg.substring(4))) {
            into.put(BOOLEAN_FLAGS.get("--" + arg.substring(4)), "false");
            return 1;
        }
        return 0;
    }

    /** Configures Logback for {@code program} (the name of a log_dir's file) and logs what it could not honour. */
    public void apply(String program) {
        apply((LoggerContext) LoggerFactory.getILoggerFactory(), program, LOCAL_SYSLOG);
    }

    /** As {@link #apply(String)}, on {@code context}, with syslog lines sent to {@code syslog}. */
    public void apply(LoggerContext context, String program, InetSocketAddress syslog) {
        List<String> warnings = new ArrayList<>();
        String logConfig = options.getString("log_config_append", "").strip();
        String destination;
        if (logConfig.isEmpty()) {
            destination = configure(context, program, syslog, warnings);
        } else {
            String ignored = PythonLogConfig.load(context, Path.of(logConfig), formats(), syslog, warnings);
            if (ignored != null) {
                warnings.add(ignored);
            }
            destination = "as " + logConfig + " says";
        }
        warnings.forEach(LOG::warn);
        LOG.info("Logging {}", destination);
    }

    private String configure(LoggerContext context, String program, InetSocketAddress syslog, List<String> warnings) {
        if (options.getBoolean("use_journal", false)) {
            warnings.add("use_journal = true is not supported (journald captures standard output and error "
                    + "under systemd); ignored");
        }
        if (options.getBoolean("watch_log_file", false)) {
            warnings.add("watch_log_file = true is not supported (use logrotate's copytruncate); ignored");
        }
        String facility = options.getBoolean("use_syslog", false)
                ? SyslogFacility.of(options.getString("syslog_log_facility", "LOG_USER")) : null;
        PythonLogConfig.OsloFormats formats = formats();
        PythonLogFormat format = new PythonLogFormat(formats.dateFormat(), warnings);
        String contextPattern = format.pattern(formats.contextFormat(), "logging_context_format_string");
        String defaultPattern = format.pattern(formats.defaultFormat(), "logging_default_format_string");
        boolean json = options.getBoolean("use_json", false);
        Supplier<Layout<ILoggingEvent>> layouts = () -> json ? new OsloJsonLayout(format.dateFormat())
                : new ContextFormatLayout(context, contextPattern, defaultPattern);
        // every option is read before the reset, so a bad value leaves the logging as it was
        boolean stderr = options.getBoolean("use_stderr", false);
        Level rootLevel = options.getBoolean("debug", false) ? Level.DEBUG : Level.INFO;
        Path file = logFile(program);
        context.reset();
        LogbackAppenders appenders = new LogbackAppenders(context);
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        List<String> destinations = new ArrayList<>();
        if (file != null) {
            root.addAppender(appenders.file("FILE", file, layouts.get()));
            destinations.add("to " + file);
        }
        if (stderr || file == null) {
            root.addAppender(appenders.console(stderr ? "STDERR" : "STDOUT", stderr, layouts.get()));
            destinations.add(stderr ? "to standard error" : "to standard output");
        }
        if (facility != null) {
            root.addAppender(appenders.syslog("SYSLOG", syslog, facility, layouts.get()));
            destinations.add("to syslog " + syslog.getHostString() + ":" + syslog.getPort() + " (" + facility + ")");
        }
        root.setLevel(rootLevel);
        setLevels(context, LIBRARY_LEVELS, warnings);
        setLevels(context, PythonLogConfig.splitList(options.getString("default_log_levels", "")), warnings);
        return String.join(" and ", destinations);
    }

    /** oslo.log: log_file, relative to log_dir when both are set; log_dir alone: log_dir/PROGRAM.log. */
    Path logFile(String program) {
        String file = options.getString("log_file", "").strip();
        String dir = options.getString("log_dir", "").strip();
        if (!file.isEmpty()) {
            return dir.isEmpty() ? Path.of(file) : Path.of(dir).resolve(file);
        }
        return dir.isEmpty() ? null : Path.of(dir, program + ".log");
    }

    /** Applies logger=LEVEL pairs, Python level names or numbers, reporting malformed ones. */
    static void setLevels(LoggerContext context, List<String> pairs, List<String> warnings) {
        for (String pair : pairs) {
            int equals = pair.indexOf('=');
            String level = equals > 0 ? pair.substring(equals + 1) : "";
            if (PythonLevels.parse(level) == null && !PythonLevels.isNotSet(level)) {
                warnings.add("default_log_levels: '" + pair + "' is not logger=LEVEL with a level of DEBUG, "
                        + "INFO, WARNING, ERROR, CRITICAL or a number; ignored");
                continue;
            }
            context.getLogger(pair.substring(0, equals).strip()).setLevel(PythonLevels.parse(level));
        }
    }

    private PythonLogConfig.OsloFormats formats() {
        return new PythonLogConfig.OsloFormats(orDefault("log_date_format", DATE_FORMAT),
                orDefault("logging_context_format_string", CONTEXT_FORMAT),
                orDefault("logging_default_format_string", DEFAULT_FORMAT));
    }

    private String orDefault(String option, String defaultValue) {
        String value = options.getString(option, "");
        return value.isBlank() ? defaultValue : value;
    }

    /** oslo.log's syslog_log_facility names, with or without "LOG_", any case. */
    static final class SyslogFacility {
        private static final List<String> NAMES = List.of("KERN", "USER", "MAIL", "DAEMON", "AUTH", "SYSLOG",
                "LPR", "NEWS", "UUCP", "CRON", "AUTHPRIV", "FTP", "LOCAL0", "LOCAL1", "LOCAL2", "LOCAL3",
                "LOCAL4", "LOCAL5", "LOCAL6", "LOCAL7");

        private SyslogFacility() {
        }

        /** @return Logback's facility name, e.g. LOCAL0 for LOG_LOCAL0 */
        static String of(String value) {
            String name = value.strip().toUpperCase(Locale.ROOT);
            name = name.startsWith("LOG_") ? name.substring(4) : name;
            if (!NAMES.contains(name)) {
                throw ZaqarException.validation("syslog_log_facility = '" + value + "' is not one of LOG_"
                        + String.join(", LOG_", NAMES));
            }
            return name;
        }
    }
}
