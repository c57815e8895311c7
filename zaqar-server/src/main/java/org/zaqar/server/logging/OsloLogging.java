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
import org.zaqar.core.config.Option;
import org.zaqar.core.config.ZaqarConfig;
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

    private static final String DEFAULT = ZaqarConfig.DEFAULT_SECTION;
    // oslo.log's options, with its names and meaning.
    static final Option<Boolean> DEBUG = Option.bool(DEFAULT, "debug", false, "If set to true, the logging level "
            + "will be set to DEBUG instead of the default INFO level (also --debug, -d).");
    static final Option<Boolean> VERBOSE = Option.bool(DEFAULT, "verbose", true, "Accepted for compatibility "
            + "(oslo.log).");
    static final Option<String> LOG_FILE = Option.string(DEFAULT, "log_file", null, "Name of log file to send "
            + "logging output to, relative to log_dir when that is set (also --log-file). If unset, logging goes to "
            + "standard output, or to standard error with use_stderr. Ignored if log_config_append is set.");
    static final Option<String> LOG_DIR = Option.string(DEFAULT, "log_dir", null, "The base directory used for "
            + "relative log_file paths; alone, logging goes to log_dir/zaqar-server.log (also --log-dir). Ignored "
            + "if log_config_append is set.");
    static final Option<String> LOG_CONFIG_APPEND = Option.string(DEFAULT, "log_config_append", null, "The name "
            + "of a Python logging configuration file (fileConfig format): its loggers' levels, its file, stream "
            + "and syslog handlers and their formats are applied and all other logging options are ignored; what "
            + "does not map is named in a warning at start (also --log-config-append).");
    static final Option<Boolean> USE_STDERR = Option.bool(DEFAULT, "use_stderr", false, "Log output to standard "
            + "error. Ignored if log_config_append is set.");
    static final Option<Boolean> USE_SYSLOG = Option.bool(DEFAULT, "use_syslog", false, "Use syslog for logging: "
            + "UDP to localhost:514 with syslog_log_facility (also --use-syslog). Ignored if log_config_append is "
            + "set.");
    static final Option<String> SYSLOG_LOG_FACILITY = Option.string(DEFAULT, "syslog_log_facility", "LOG_USER",
            "Syslog facility to receive log lines (LOG_USER, LOG_DAEMON, LOG_LOCAL0 to LOG_LOCAL7, ...). Ignored "
                    + "if log_config_append is set.");
    static final Option<Boolean> USE_JOURNAL = Option.bool(DEFAULT, "use_journal", false, "Not supported: "
            + "journald's native protocol; set true, it is ignored with a warning at start (journald still "
            + "captures standard output).");
    static final Option<Boolean> USE_JSON = Option.bool(DEFAULT, "use_json", false, "Use JSON formatting for "
            + "logging: one object per line with oslo.log's keys (also --use-json). Ignored if log_config_append "
            + "is set.");
    static final Option<String> LOG_DATE_FORMAT = Option.string(DEFAULT, "log_date_format", DATE_FORMAT,
            "Defines the strftime format string for %(asctime)s in log records (also --log-date-format). Ignored "
                    + "if log_config_append is set.");
    static final Option<String> LOGGING_CONTEXT_FORMAT_STRING = Option.string(DEFAULT,
            "logging_context_format_string", null, "Python format string of the log lines written while a "
                    + "request is served; empty: upstream's default, '" + CONTEXT_FORMAT + "'. %(trace_id)s adds "
                    + "the trace id; fields with no equivalent here are named in a warning at start.");
    static final Option<String> LOGGING_DEFAULT_FORMAT_STRING = Option.string(DEFAULT,
            "logging_default_format_string", null, "Python format string of the other log lines; empty: "
                    + "upstream's default, '" + DEFAULT_FORMAT + "'.");
    static final Option<List<String>> DEFAULT_LOG_LEVELS = Option.list(DEFAULT, "default_log_levels", null,
            "List of logger=LEVEL pairs (Java logger names, e.g. org.zaqar.api.RequestTracking=DEBUG; Python "
                    + "levels). Jetty, Javalin, HikariCP, Flyway and the MongoDB driver log at WARN unless listed. "
                    + "Ignored if log_config_append is set.");
    static final Option<Boolean> PUBLISH_ERRORS = Option.bool(DEFAULT, "publish_errors", false, "Accepted for "
            + "compatibility (oslo.log).");
    static final Option<Boolean> WATCH_LOG_FILE = Option.bool(DEFAULT, "watch_log_file", false, "Not supported: "
            + "reopening a moved log file; set true, it is ignored with a warning at start (rotate with "
            + "logrotate's copytruncate).");

    /** Every oslo.log option, in the order the sample config lists them. */
    public static final List<Option<?>> OPTIONS = List.of(DEBUG, VERBOSE, LOG_FILE, LOG_DIR, LOG_CONFIG_APPEND,
            USE_STDERR, USE_SYSLOG, SYSLOG_LOG_FACILITY, USE_JOURNAL, USE_JSON, LOG_DATE_FORMAT,
            LOGGING_CONTEXT_FORMAT_STRING, LOGGING_DEFAULT_FORMAT_STRING, DEFAULT_LOG_LEVELS, PUBLISH_ERRORS,
            WATCH_LOG_FILE);

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
        String logConfig = text(LOG_CONFIG_APPEND);
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
        if (USE_JOURNAL.from(options)) {
            warnings.add("use_journal = true is not supported (journald captures standard output and error "
                    + "under systemd); ignored");
        }
        if (WATCH_LOG_FILE.from(options)) {
            warnings.add("watch_log_file = true is not supported (use logrotate's copytruncate); ignored");
        }
        String facility = USE_SYSLOG.from(options)
                ? SyslogFacility.of(SYSLOG_LOG_FACILITY.from(options)) : null;
        PythonLogConfig.OsloFormats formats = formats();
        PythonLogFormat format = new PythonLogFormat(formats.dateFormat(), warnings);
        String contextPattern = format.pattern(formats.contextFormat(), "logging_context_format_string");
        String defaultPattern = format.pattern(formats.defaultFormat(), "logging_default_format_string");
        boolean json = USE_JSON.from(options);
        Supplier<Layout<ILoggingEvent>> layouts = () -> json ? new OsloJsonLayout(format.dateFormat())
                : new ContextFormatLayout(context, contextPattern, defaultPattern);
        // every option is read before the reset, so a bad value leaves the logging as it was
        boolean stderr = USE_STDERR.from(options);
        Level rootLevel = DEBUG.from(options) ? Level.DEBUG : Level.INFO;
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
        setLevels(context, orEmpty(DEFAULT_LOG_LEVELS.from(options)), warnings);
        return String.join(" and ", destinations);
    }

    /** oslo.log: log_file, relative to log_dir when both are set; log_dir alone: log_dir/PROGRAM.log. */
    Path logFile(String program) {
        String file = text(LOG_FILE);
        String dir = text(LOG_DIR);
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
        return new PythonLogConfig.OsloFormats(orDefault(LOG_DATE_FORMAT, DATE_FORMAT),
                orDefault(LOGGING_CONTEXT_FORMAT_STRING, CONTEXT_FORMAT),
                orDefault(LOGGING_DEFAULT_FORMAT_STRING, DEFAULT_FORMAT));
    }

    private String orDefault(Option<String> option, String defaultValue) {
        String value = text(option);
        return value.isEmpty() ? defaultValue : value;
    }

    /** A text option's value, empty when unset. */
    private String text(Option<String> option) {
        String value = option.from(options);
        return value == null ? "" : value;
    }

    private static List<String> orEmpty(List<String> values) {
        return values == null ? List.of() : values;
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
