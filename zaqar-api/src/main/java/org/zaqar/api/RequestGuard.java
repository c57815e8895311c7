package org.zaqar.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

import io.javalin.http.Context;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.core.model.RequestContext;
import org.zaqar.core.validation.Uuids;
import org.zaqar.core.validation.Validator;

/**
 * Upstream's "before" hooks, in upstream's order, run for every matched route: no form-encoded
 * bodies, JSON must be acceptable, Client-ID on v2 routes, X-Project-ID on versioned routes, and a
 * well-formed queue name. Produces the request context, built once per request.
 */
final class RequestGuard {
    static final String QUEUE_NAME = "queue_name";

    private final Validator validator;
    private final Policy policy;
    private final ExtraSpecs extraSpecs;

    RequestGuard(Validator validator) {
        this(validator, Policy.defaults(), new ExtraSpecs(RequestGuard.class.getClassLoader()));
    }

    RequestGuard(Validator validator, Policy policy, ExtraSpecs extraSpecs) {
        this.validator = validator;
        this.policy = policy;
        this.extraSpecs = extraSpecs;
    }

    RequestContext check(Context ctx) {
        rejectFormEncoded(ctx);
        requireAcceptsJson(ctx);
        String path = ctx.path();
        String clientId = ctx.header("Client-ID");
        boolean v1 = path.equals("/v1") || path.startsWith("/v1/");
        if (path.startsWith("/v2/") || path.startsWith("/v1.1/")) {
            checkClientId(clientId);
        } else if (v1 && clientId != null && Uuids.parse(clientId) == null) {
            throw new ApiError(400, "Wrong UUID value", "Malformed hexadecimal UUID.");
        }
        // Who calls was settled once by the Authenticator; no header is read for it here.
        Identity identity = ctx.attribute(Identity.ATTRIBUTE);
        if (identity == null) {
            identity = Identity.ofProject(null);
        }
        String project = identity.projectId();
        boolean versioned = path.length() > 1;
        if (versioned && project != null && project.isEmpty()) {
            throw emptyProject();
        }
        if (versioned && project == null && !v1) {
            throw new ApiError(400, "Project-Id Missing", "The header X-PROJECT-ID was missing");
        }
        if (project == null && v1) {
            // v1.0 works without a project, as upstream's "None" project: one shared namespace.
            project = "";
        }
        if (ctx.pathParamMap().containsKey(QUEUE_NAME)) {
            checkQueueName(ctx.pathParam(QUEUE_NAME), project);
        }
        RequestContext request = context(project, clientId, identity.roles());
        policy.enforce(ctx, identity.credentials(request.clientId(), ctx.res().getHeader(RequestTracking.HEADER)));
        extraSpecs.verify(ctx.header("EXTRA-SPEC"), request, ctx::header);
        return request;
    }

    /**
     * The same checks for a request that arrives otherwise than by HTTP (a WebSocket action):
     * Client-ID, a non-empty project, a well-formed queue name when one is named, then the policy rule.
     *
     * @param identity  who calls, settled as the {@link Authenticator} settles it; names the project
     * @param queueName null when the action names no queue
     * @param rule      the policy rule of the equivalent HTTP route, or null for none
     * @param requestId the request's id, as the policy credentials carry it
     */
    RequestContext check(String clientId, Identity identity, String queueName, String rule, String requestId) {
        checkClientId(clientId);
        String project = identity.projectId();
        if (project.isEmpty()) {
            throw emptyProject();
        }
        if (queueName != null) {
            checkQueueName(queueName, project);
        }
        RequestContext request = context(project, clientId, identity.roles());
        policy.enforce(rule, identity.credentials(request.clientId(), requestId));
        return request;
    }

    /** A UUID Client-ID is kept in its canonical form, any other as sent. */
    private static RequestContext context(String project, String clientId, Set<String> roles) {
        String uuid = Uuids.parse(clientId);
        return new RequestContext(project, uuid != null ? uuid : clientId, roles);
    }

    private static ApiError emptyProject() {
        return new ApiError(400, "Empty project header not allowed",
                "X-PROJECT-ID cannot be an empty string. Specify the right header X-PROJECT-ID and retry.");
    }

    private void checkQueueName(String queue, String project) {
        try {
            validator.queueIdentification(queue, project);
        } catch (ZaqarException e) {
            throw new ApiError(400, "Invalid queue identification",
                    "The format of the submitted queue name or project id is not valid.");
        }
    }

    private static void rejectFormEncoded(Context ctx) {
        String type = ctx.header("Content-Type");
        if (Json.hasContentLength(ctx) && type != null
                && type.toLowerCase(Locale.ROOT).equals("application/x-www-form-urlencoded")) {
            throw new ApiError(400, "Invalid Content-Type", "Endpoint does not accept "
                    + "`application/x-www-form-urlencoded` content; currently supported media type is "
                    + "`application/json`; specify proper client-side media type with the \"Content-Type\" header.");
        }
    }

    private static void requireAcceptsJson(Context ctx) {
        String accept = ctx.header("Accept");
        if (accept == null || accept.isBlank() || accept.equals("application/json") || accept.equals("*/*")) {
            return;
        }
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].strip().toLowerCase(Locale.ROOT);
            boolean refused = Arrays.stream(parts).skip(1).map(String::strip)
                    .anyMatch(p -> p.matches("q\\s*=\\s*0(\\.0*)?"));
            if (!refused && (type.equals("*/*") || type.equals("application/*") || type.equals("application/json"))) {
                return;
            }
        }
        throw new ApiError(406, "406 Not Acceptable", "\nEndpoint only serves `application/json`; specify client-side"
                + "\nmedia type support with the \"Accept\" header.");
    }

    private void checkClientId(String clientId) {
        if (clientId == null) {
            throw new ApiError(400, "Missing header value", "The \"Client-ID\" header is required.");
        }
        try {
            validator.clientId(clientId);
        } catch (ZaqarException e) {
            if (validator.clientIdMustBeUuid()) {
                throw new ApiError(400, "Wrong UUID value", e.getMessage());
            }
            throw new ApiError(400, e.getMessage(), null);
        }
    }
}
