package org.zaqar.api;

import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.core.log.LogThrottle;

/**
 * The one place where failures become HTTP responses with upstream's status codes and
 * {@code {"title": ..., "description": ...}} bodies. Unexpected exceptions become a 500 whose body
 * carries only a reference id; the stack trace is logged under that id.
 */
final class ErrorMapper {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);
    /** While a store is down every request fails alike: one warning per interval says so. */
    private static final LogThrottle OUTAGES = LogThrottle.forOutages();
    /** Set by a route: what upstream says failed when the store is unavailable ("Queue could not be created."). */
    static final String FAILURE_ATTRIBUTE = "zaqar.failure";

    private ErrorMapper() {
    }

    static void handle(Exception exception, Context ctx) {
        if (exception instanceof HttpResponseException e) {
            writeFramework(ctx, e);
            return;
        }
        Reply reply = reply(exception, ctx.attribute(FAILURE_ATTRIBUTE), ctx.method() + " " + ctx.path());
        write(ctx, reply.status(), reply.title(), reply.description(),
                exception instanceof ApiError e ? e.headers() : Map.of());
    }

    /**
     * Status, title and description for any failure of a request, whatever the transport.
     *
     * @param failure upstream's description of what failed when the store is unavailable, or null
     * @param where   the request, for the log: "GET /v2/queues" or a WebSocket action
     */
    static Reply reply(Exception exception, String failure, String where) {
        return switch (exception) {
            case ApiError e -> new Reply(e.status(), e.title(), e.description());
            case ZaqarException e -> reply(e, failure, where);
            default -> {
                String reference = UUID.randomUUID().toString();
                LOG.error("Internal server error {} on {}", reference, where, exception);
                yield new Reply(500, "Internal server error", "Unexpected error; reference " + reference);
            }
        };
    }

    /** Status, title and description of an error body. */
    record Reply(int status, String title, String description) {
    }

    /**
     * Upstream's answer for each core error code. A switch expression, so a new code does not
     * compile until it is mapped here. UNSUPPORTED has no upstream counterpart (upstream has no
     * optional capabilities); 501 says what it is.
     */
    private static Reply reply(ZaqarException e, String failure, String where) {
        String description = e.getMessage();
        return switch (e.code()) {
            case VALIDATION_FAILED, CLAIM_DOES_NOT_MATCH -> new Reply(400, "Invalid API request", description);
            case QUEUE_DOES_NOT_EXIST, QUEUE_IS_EMPTY, MESSAGE_DOES_NOT_EXIST, CLAIM_DOES_NOT_EXIST, NOT_FOUND ->
                    new Reply(404, "Not found", description);
            case MESSAGE_NOT_CLAIMED -> new Reply(400, "Unable to delete",
                    "A claim was specified, but the message is not currently claimed.");
            case MESSAGE_IS_CLAIMED, MESSAGE_NOT_CLAIMED_BY -> new Reply(403, "Unable to delete",
                    "This message is claimed; it cannot be deleted without a valid claim ID.");
            case CONFLICT -> new Reply(409, "Resource conflict", description);
            case NOT_PERMITTED -> new Reply(403, "Not authorized", description);
            case UNSUPPORTED -> new Reply(501, "Not implemented", description);
            case QUEUE_METADATA_CHANGED -> new Reply(503, "Service temporarily unavailable",
                    "The queue's metadata kept changing while the messages were posted. Please try again.");
            case STORAGE_UNAVAILABLE -> {
                OUTAGES.permit("storage").ifPresent(held -> LOG.warn("Storage unavailable on {}: {}{}", where,
                        description, OUTAGES.held(held)));
                yield new Reply(503, "Service temporarily unavailable",
                        (failure == null ? "The storage is unavailable." : failure) + " Please try again in a few seconds.");
            }
        };
    }

    /** Javalin's own errors (no route, wrong method, body too large), with falcon's default titles. */
    private static void writeFramework(Context ctx, HttpResponseException e) {
        String title = switch (e.getStatus()) {
            case 404 -> "404 Not Found";
            case 405 -> "405 Method Not Allowed";
            case 413 -> "413 Payload Too Large";
            default -> e.getStatus() + " " + e.getMessage();
        };
        write(ctx, e.getStatus(), title, null, Map.of());
    }

    private static void write(Context ctx, int status, String title, String description, Map<String, String> headers) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("title", title);
        if (description != null) {
            body.put("description", description);
        }
        headers.forEach(ctx::header);
        ctx.status(status);
        Json.write(ctx, body);
    }
}
