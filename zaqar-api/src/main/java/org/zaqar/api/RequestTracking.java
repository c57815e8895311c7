package org.zaqar.api;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Upstream's request id (oslo.middleware): every response carries
 * {@code x-openstack-request-id: req-<uuid>}, and the same id is in the log context
 * ({@code %X{request_id}}) while the request runs. Each finished request is also reported to an
 * {@link Observer} (the server's metrics and tracing). An incoming {@code X-OpenStack-Request-ID}
 * of another service is the log context's global request id, as oslo.middleware keeps it. Bodies
 * are never logged; {@link AccessLog} writes the one line per request.
 */
public final class RequestTracking {
    public static final String HEADER = "x-openstack-request-id";
    public static final String LOG_KEY = "request_id";
    private static final Logger LOG = LoggerFactory.getLogger(RequestTracking.class);
    private static final String STARTED = "zaqar.request.started";
    /** The request's log context (request, global and trace ids), for {@link AccessLog}. */
    static final String LOG_CONTEXT = "zaqar.request.log-context";

    /** Told about every finished request; called on the request's thread, so it must be quick. */
    @FunctionalInterface
    public interface Observer {
        Observer NONE = (method, route, status, nanos) -> {
        };

        /** The request with this id begins; called on the thread that will run its handler. */
        default void started(String requestId) {
        }

        /**
         * @param route the matched route template, e.g. {@code /v2/queues/{queue_name}/messages},
         *              or {@code unmatched} when no route matched (so paths never explode the metrics)
         */
        void completed(String method, String route, int status, long nanos);
    }

    private RequestTracking() {
    }

    /**
     * A new {@code req-<uuid4>}. The id only correlates logs, so it needs to be unique, not secret:
     * a thread-local generator spares every request a turn on the JDK's one SecureRandom lock.
     */
    static String newRequestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong() & ~0xF000L | 0x4000L;  // version 4
        long low = random.nextLong() & ~(3L << 62) | 1L << 63;  // IETF variant
        return "req-" + new UUID(high, low);
    }

    static void install(JavalinDefaultRouting router, Observer observer) {
        router.before(ctx -> {
            String id = newRequestId();
            ctx.header(HEADER, id);
            ctx.attribute(STARTED, System.nanoTime());
            MDC.put(LOG_KEY, id);
            String globalId = AccessLog.globalRequestId(ctx);
            if (globalId != null) {
                MDC.put(AccessLog.GLOBAL_LOG_KEY, globalId);
            }
            observer.started(id);
            // The access line is written after the response, outside this context: it restores it.
            ctx.attribute(LOG_CONTEXT, MDC.getCopyOfContextMap());
        });
        router.after(ctx -> {
            try {
                Long started = ctx.attribute(STARTED);
                long nanos = started == null ? 0 : System.nanoTime() - started;
                int status = ctx.statusCode();
                completed(observer, ctx.method().name(), route(ctx), status, nanos);
            } finally {
                MDC.remove(LOG_KEY);
                MDC.remove(AccessLog.GLOBAL_LOG_KEY);
            }
        });
    }

    /** A write that committed answers its success: a failing observer is logged, never the request's status. */
    private static void completed(Observer observer, String method, String route, int status, long nanos) {
        try {
            observer.completed(method, route, status, nanos);
        } catch (RuntimeException e) {
            LOG.warn("Observing {} {} ({}) failed", method, route, status, e);
        }
    }

    private static String route(Context ctx) {
        try {
            String path = ctx.endpointHandlerPath();
            return path == null || path.isEmpty() || path.equals("*") ? "unmatched" : path;
        } catch (IllegalStateException e) {
            return "unmatched";
        }
    }
}
