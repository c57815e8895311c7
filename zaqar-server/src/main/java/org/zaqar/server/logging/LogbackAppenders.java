package org.zaqar.server.logging;

import java.net.InetSocketAddress;
import java.nio.file.Path;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.Layout;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;

/** Started Logback appenders for Python's handlers: a file, a console stream, syslog. */
final class LogbackAppenders {
    private final LoggerContext context;

    LogbackAppenders(LoggerContext context) {
        this.context = context;
    }

    /** Appends to {@code file} (created with its directories), as Python's WatchedFileHandler. */
    Appender<ILoggingEvent> file(String name, Path file, Layout<ILoggingEvent> layout) {
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setFile(file.toString());
        appender.setAppend(true);
        return started(appender, name, layout);
    }

    Appender<ILoggingEvent> console(String name, boolean standardError, Layout<ILoggingEvent> layout) {
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setTarget(standardError ? "System.err" : "System.out");
        return started(appender, name, layout);
    }

    /** @param facility Logback's name of the facility, such as LOCAL0 */
    Appender<ILoggingEvent> syslog(String name, InetSocketAddress address, String facility,
                                   Layout<ILoggingEvent> layout) {
        OsloSyslogAppender appender = new OsloSyslogAppender(started(layout));
        appender.setContext(context);
        appender.setName(name);
        appender.setSyslogHost(address.getHostString());
        appender.setPort(address.getPort());
        appender.setFacility(facility);
        appender.start();
        return appender;
    }

    private Appender<ILoggingEvent> started(OutputStreamAppender<ILoggingEvent> appender, String name,
                                            Layout<ILoggingEvent> layout) {
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(started(layout));
        encoder.start();
        appender.setContext(context);
        appender.setName(name);
        appender.setEncoder(encoder);
        appender.start();
        return appender;
    }

    private Layout<ILoggingEvent> started(Layout<ILoggingEvent> layout) {
        layout.setContext(context);
        layout.start();
        return layout;
    }
}
