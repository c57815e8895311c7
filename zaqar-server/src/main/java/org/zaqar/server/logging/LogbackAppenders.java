package org.zaqar.server.logging;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.function.Supplier;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.Layout;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;

/** Builds the root logger's appenders (file, console, syslog), each with its own layout of one kind. */
final class LogbackAppenders {
    private final LoggerContext context;
    private final Supplier<Layout<ILoggingEvent>> layouts;

    LogbackAppenders(LoggerContext context, Supplier<Layout<ILoggingEvent>> layouts) {
        this.context = context;
        this.layouts = layouts;
    }

    /** Appends to {@code file} (created with its directories), as Python's WatchedFileHandler. */
    void file(Path file) {
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setFile(file.toString());
        appender.setAppend(true);
        attach(appender, "FILE");
    }

    void console(boolean standardError) {
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setTarget(standardError ? "System.err" : "System.out");
        attach(appender, standardError ? "STDERR" : "STDOUT");
    }

    void syslog(InetSocketAddress address, String facility) {
        OsloSyslogAppender appender = new OsloSyslogAppender(started(layouts.get()));
        appender.setContext(context);
        appender.setName("SYSLOG");
        appender.setSyslogHost(address.getHostString());
        appender.setPort(address.getPort());
        appender.setFacility(facility);
        appender.start();
        root().addAppender(appender);
    }

    private void attach(OutputStreamAppender<ILoggingEvent> appender, String name) {
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(started(layouts.get()));
        encoder.start();
        appender.setContext(context);
        appender.setName(name);
        appender.setEncoder(encoder);
        appender.start();
        root().addAppender(appender);
    }

    private Layout<ILoggingEvent> started(Layout<ILoggingEvent> layout) {
        layout.setContext(context);
        layout.start();
        return layout;
    }

    private ch.qos.logback.classic.Logger root() {
        return context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
