package org.zaqar.server.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** {@code %(levelname)s}: Python's level names (WARNING, not Logback's WARN), as upstream's lines show. */
public final class PythonLevelConverter extends ClassicConverter {
    /** The converter's word in the patterns {@link PythonLogFormat} writes. */
    static final String NAME = "pythonLevel";

    @Override
    public String convert(ILoggingEvent event) {
        return OsloJsonLayout.pythonLevelName(event.getLevel());
    }
}
