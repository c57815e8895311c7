package org.zaqar.api;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import io.javalin.http.Context;
import org.eclipse.jetty.server.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One INFO line per finished HTTP request on logger {@value #LOGGER}, in the shape of upstream's
 * WSGI server lines ({@code CLIENT "METHOD PATH PROTOCOL" status: S len: BYTES time: SECONDS}) with
 * the project and request id appended. It runs once the response is written, so the request's
 * log context (request, global and trace ids) is put back for the line, as the
 * request's other lines carry it. Bodies and query strings are never logged.
 */
final class AccessLog {
    static final String LOGGER = "org.zaqar.api.access";
    /** oslo.middleware's global request id header, sent by a calling service. */
    static final String GLOBAL_HEADER = "X-OpenStack-Request-ID";
    /** The MDC key oslo.log's context format reads as {@code %(global_request_id)s}. */
    static final String GLOBAL_LOG_KEY = "global_request_id";
    /** oslo.middleware accepts a global id only in its own {@code req-<uuid>} form; anything else is ignored. */
    private static final Pattern GLOBAL_ID = Pattern.compile(
            "req-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    private AccessLog() {
    }

    /** The incoming global request id when it has oslo's form, else null. */
    static String globalRequestId(Context ctx) {
        String id = ctx.header(GLOBAL_HEADER);
        return id != null && GLOBAL_ID.matcher(id).matches() ? id : null;
    }

    /** Javalin's request logger: called after the response went out. */
    static void log(Context ctx, Float milliseconds) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        String requestId = ctx.res().getHeader(RequestTracking.HEADER);
        Map<String, String> context = ctx.attribute(RequestTracking.LOG_CONTEXT);
        if (context == null) {
            context = requestId == null ? Map.of() : Map.of(RequestTracking.LOG_KEY, requestId);
        }
        context.forEach(MDC::put);
        try {
            LOG.info("{} \"{} {} {}\" status: {} len: {} time: {} project: {} request_id: {}",
                    ctx.ip(), ctx.method(), ctx.path(), ctx.protocol(), ctx.statusCode(), bodyBytes(ctx),
                    String.format(Locale.ROOT, "%.4f", milliseconds == null ? 0 : milliseconds / 1000.0),
                    orDash(project(ctx)), orDash(requestId));
        } finally {
            context.keySet().forEach(MDC::remove);
        }
    }

    /** The authenticated project; none when the request was refused before authentication. */
    private static String project(Context ctx) {
        Identity identity = ctx.attribute(Identity.ATTRIBUTE);
        if (identity != null) {
            return identity.projectId();
        }
        return null;
    }

    /** The body bytes written, as Jetty counted them (a chunked response has no Content-Length to read). */
    private static String bodyBytes(Context ctx) {
        Request request = Request.getBaseRequest(ctx.req());
        return request == null ? "-" : Long.toString(request.getResponse().getHttpOutput().getWritten());
    }

    private static String orDash(String value) {
        return value == null || value.isEmpty() ? "-" : value;
    }
}
