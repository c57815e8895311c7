package org.zaqar.server.logging;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Context;
import ch.qos.logback.core.LayoutBase;

/**
 * oslo.log's ContextFormatter in Logback terms: a line written while a request is served (its
 * request id is in the MDC) uses {@code logging_context_format_string}, any other line
 * {@code logging_default_format_string}.
 */
final class ContextFormatLayout extends LayoutBase<ILoggingEvent> {
    private final PatternLayout withContext;
    private final PatternLayout withoutContext;

    ContextFormatLayout(Context context, String contextPattern, String defaultPattern) {
        setContext(context);
        withContext = started(context, contextPattern);
        withoutContext = started(context, defaultPattern);
    }

    private static PatternLayout started(Context context, String pattern) {
        PatternLayout layout = new PatternLayout();
        layout.getInstanceConverterMap().put(PythonLevelConverter.NAME, PythonLevelConverter.class.getName());
        layout.setContext(context);
        layout.setPattern(pattern);
        layout.start();
        return layout;
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        boolean inRequest = event.getMDCPropertyMap().containsKey(OsloLogging.REQUEST_ID_KEY);
        return (inRequest ? withContext : withoutContext).doLayout(event);
    }
}
