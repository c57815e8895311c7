package org.zaqar.api;

import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.UnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zaqar.core.model.RequestContext;

/** The {@link ExtraSpecHandler}s on the class path, by schema; a schema without handler does nothing. */
final class ExtraSpecs {
    private static final Logger LOG = LoggerFactory.getLogger(ExtraSpecs.class);
    private final Map<String, ExtraSpecHandler> handlers = new HashMap<>();

    ExtraSpecs(ClassLoader loader) {
        for (ExtraSpecHandler handler : ServiceLoader.load(ExtraSpecHandler.class, loader)) {
            ExtraSpecHandler previous = handlers.putIfAbsent(handler.name(), handler);
            if (previous != null) {
                throw new IllegalStateException("two EXTRA-SPEC handlers named '" + handler.name() + "': "
                        + previous.getClass().getName() + " and " + handler.getClass().getName());
            }
            LOG.info("EXTRA-SPEC handler '{}' loaded ({})", handler.name(), handler.getClass().getName());
        }
    }

    void verify(String extraSpec, RequestContext request, UnaryOperator<String> headers) {
        if (extraSpec == null || extraSpec.isEmpty()) {
            return;
        }
        String schema = extraSpec.split(":", 2)[0];
        ExtraSpecHandler handler = handlers.get(schema);
        if (handler == null) {
            LOG.debug("No EXTRA-SPEC handler for schema '{}'; ignored", schema);
            return;
        }
        try {
            handler.execute(extraSpec, request, headers);
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, "Invalid extra spec", e.getMessage());
        }
    }
}
