package org.zaqar.server.logging;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code use_json = true}: one JSON object per line with the keys of oslo.log's JSONFormatter
 * ({@code message}, {@code asctime}, {@code name}, {@code levelname}, {@code context} with the
 * request id, {@code traceback} as a list of lines...), so log pipelines built for upstream parse
 * ours. Python-only keys ({@code pathname}, {@code lineno}...) are left out.
 */
final class OsloJsonLayout extends LayoutBase<ILoggingEvent> {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DateTimeFormatter dateFormat;
    private final String hostName = PythonLogFormat.hostName();
    private final long process = ProcessHandle.current().pid();

    /** @param javaDateFormat the java.time pattern of {@code asctime} (from {@code log_date_format}) */
    OsloJsonLayout(String javaDateFormat) {
        this.dateFormat = DateTimeFormatter.ofPattern(javaDateFormat).withZone(ZoneId.systemDefault());
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        Instant time = Instant.ofEpochMilli(event.getTimeStamp());
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("message", event.getFormattedMessage());
        line.put("asctime", dateFormat.format(time));
        line.put("name", event.getLoggerName());
        line.put("msg", event.getMessage());
        line.put("args", event.getArgumentArray() == null ? List.of()
                : Arrays.stream(event.getArgumentArray()).map(String::valueOf).toList());
        line.put("levelname", pythonLevelName(event.getLevel()));
        line.put("levelno", pythonLevelNumber(event.getLevel()));
        line.put("created", event.getTimeStamp() / 1000.0);
        line.put("msecs", event.getTimeStamp() % 1000);
        line.put("thread_name", event.getThreadName());
        line.put("process_name", "MainProcess");
        line.put("process", process);
        line.put("hostname", hostName);
        IThrowableProxy thrown = event.getThrowableProxy();
        line.put("traceback", thrown == null ? null : traceback(thrown));
        line.put("error_summary", thrown == null ? "" : thrown.getClassName() + ": " + thrown.getMessage());
        line.put("context", new LinkedHashMap<>(event.getMDCPropertyMap()));
        line.put("extra", Map.of("project", "zaqar"));
        try {
            return JSON.writeValueAsString(line) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("log event not representable as JSON: " + e.getMessage(), e);
        }
    }

    private static List<String> traceback(IThrowableProxy thrown) {
        return new ArrayList<>(ThrowableProxyUtil.asString(thrown).lines().filter(l -> !l.isBlank()).toList());
    }

    static String pythonLevelName(Level level) {
        return switch (level.toInt()) {
            case Level.ERROR_INT -> "ERROR";
            case Level.WARN_INT -> "WARNING";
            case Level.INFO_INT -> "INFO";
            default -> "DEBUG";
        };
    }

    private static int pythonLevelNumber(Level level) {
        return switch (level.toInt()) {
            case Level.ERROR_INT -> 40;
            case Level.WARN_INT -> 30;
            case Level.INFO_INT -> 20;
            case Level.DEBUG_INT -> 10;
            default -> 5;
        };
    }
}
