package org.zaqar.server.logging;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.net.SyslogAppender;
import ch.qos.logback.classic.pattern.SyslogStartConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Layout;
import ch.qos.logback.core.LayoutBase;

/**
 * {@code use_syslog = true}: Logback's syslog appender (UDP, RFC 3164 header with the facility's
 * priority) whose message is the line oslo.log's formatter would write, text or JSON, rather than
 * Logback's fixed suffix pattern. A stack trace stays inside its message.
 */
final class OsloSyslogAppender extends SyslogAppender {
    private final Layout<ILoggingEvent> message;

    OsloSyslogAppender(Layout<ILoggingEvent> message) {
        this.message = message;
        setThrowableExcluded(true);
    }

    @Override
    public Layout<ILoggingEvent> buildLayout() {
        PatternLayout header = new PatternLayout();
        header.getInstanceConverterMap().put("syslogStart", SyslogStartConverter.class.getName());
        header.setPattern("%syslogStart{" + getFacility() + "}%nopex{}");
        header.setContext(getContext());
        header.start();
        LayoutBase<ILoggingEvent> layout = new LayoutBase<>() {
            @Override
            public String doLayout(ILoggingEvent event) {
                return header.doLayout(event) + message.doLayout(event).stripTrailing();
            }
        };
        layout.setContext(getContext());
        layout.start();
        return layout;
    }
}
