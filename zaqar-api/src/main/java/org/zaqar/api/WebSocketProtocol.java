package org.zaqar.api;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.zaqar.core.model.RequestContext;

/**
 * Upstream's {@code MessagingProtocol.onMessage}: each frame is one request
 * {@code {"action", "headers", "body"}} answered by one frame
 * {@code {"request": {...}, "body": ..., "headers": {"status": N}}}, as JSON text or, for a
 * binary frame, MessagePack.
 *
 * <p>With Keystone a connection must {@code authenticate} first (403 "Not authentified." before),
 * unless a request carries a valid pre-signed URL for its action. From then on every request acts
 * in the token's project: one that names another X-Project-ID is refused with a 403 and reaches
 * nothing (upstream let the header decide). With noauth the X-Project-ID header decides, as over HTTP.
 */
final class WebSocketProtocol {
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketProtocol.class);
    /** What the observer is told a WebSocket request's method is; its route is the action's name. */
    static final String OBSERVED_METHOD = "WEBSOCKET";

    private final ApiResources resources;
    private final WebSocketEndpoints endpoints;
    /** Null with noauth. */
    private final KeystoneTokens keystone;
    private final String signedUrlKey;
    private final InstantSource clock;
    private final ScheduledExecutorService timers;
    private final RequestTracking.Observer observer;

    WebSocketProtocol(ApiResources resources, WebSocketEndpoints endpoints, KeystoneTokens keystone,
                      String signedUrlKey, InstantSource clock, ScheduledExecutorService timers,
                      RequestTracking.Observer observer) {
        this.resources = resources;
        this.endpoints = endpoints;
        this.keystone = keystone;
        this.signedUrlKey = signedUrlKey;
        this.clock = clock;
        this.timers = timers;
        this.observer = observer;
    }

    void onText(WebSocketSession session, String text) {
        JsonNode payload;
        try {
            payload = Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            session.send(frame(null, 400, error("Can't decode text (JSON) request. " + e.getOriginalMessage())), false);
            return;
        }
        onRequest(session, payload, false);
    }

    /** A binary frame is MessagePack, answered in MessagePack, as upstream. */
    void onBinary(WebSocketSession session, byte[] data) {
        JsonNode payload;
        try {
            payload = MessagePack.read(data);
        } catch (MessagePack.MalformedException e) {
            session.send(frame(null, 400, error("Can't decode binary (MessagePack) request. " + e.getMessage())), true);
            return;
        }
        onRequest(session, payload, true);
    }

    private void onRequest(WebSocketSession session, JsonNode payload, boolean binary) {
        if (payload == null || !payload.isObject()) {
            session.send(frame(null, 400, error("Unexpected body type. Expected dict or dict like.")), binary);
            return;
        }
        if (Json.hasHugeInteger(payload)) {
            session.send(frame(null, 400, error("JSON contains integer that is too large.")), binary);
            return;
        }
        // As an HTTP request: an id in the log context, and the observer (metrics, tracing) told.
        String requestId = RequestTracking.newRequestId();
        MDC.put(RequestTracking.LOG_KEY, requestId);
        long started = System.nanoTime();
        try {
            observer.started(requestId);
            ObjectNode frame = answer(session, payload, binary);
            WebSocketAction action = WebSocketAction.named(payload.path("action").asText(null));
            observer.completed(OBSERVED_METHOD, action == null ? "unmatched" : action.wireName,
                    frame.path("headers").path("status").asInt(), System.nanoTime() - started);
            session.send(frame, binary);
        } finally {
            MDC.remove(RequestTracking.LOG_KEY);
        }
    }

    private ObjectNode answer(WebSocketSession session, JsonNode payload, boolean binary) {
        String name = payload.path("action").asText(null);
        WebSocketAction action = WebSocketAction.named(name);
        if (action == null) {
            return frame(payload, 400, error(name + " is not a valid action"));
        }
        if (!action.accepts(payload)) {
            return frame(payload, 400, error("Schema validation failed."));
        }
        if (action == WebSocketAction.AUTHENTICATE) {
            return authenticate(session, payload);
        }
        JsonNode headers = payload.get("headers");
        JsonNode body = payload.has("body") ? payload.get("body") : Json.MAPPER.createObjectNode();
        String headerProject = headers.get("X-Project-ID").asText();
        // Who calls, settled as the Authenticator settles it over HTTP.
        Identity identity = session.identity();
        if (keystone == null) {
            identity = Identity.declared(header -> headers.path(header).asText(null));
        } else if (identity != null) {
            if (!headerProject.equals(identity.projectId())) {
                LOG.info("Refusing {} naming project {} on a connection authenticated for another project",
                        action.wireName, headerProject);
                return failure(payload, action, new ApiError(403, "Not authorized", "X-Project-ID names another "
                        + "project than the one this connection authenticated for."));
            }
        } else if (signatureAllows(action, headers, body)) {
            identity = Identity.ofProject(headerProject);
        } else {
            return frame(payload, 403, error("Not authentified."));
        }
        try {
            RequestContext request = resources.guard().check(headers.get("Client-ID").asText(), identity,
                    body.path("queue_name").asText(null), PolicyRoutes.ruleFor(action.method, action.route),
                    MDC.get(RequestTracking.LOG_KEY));
            WebSocketEndpoints.Reply reply = endpoints.handle(action, request, body, session);
            if (action == WebSocketAction.SUBSCRIPTION_CREATE && reply.status() == 201
                    && body.path("subscriber").asText("").isEmpty()) {
                session.notifyInBinary(binary);
            }
            return frame(payload, reply.status(), reply.body());
        } catch (RuntimeException e) {
            return failure(payload, action, e);
        }
    }

    /** A pre-signed URL (a connection that has not authenticated) must sign the action's route. */
    private boolean signatureAllows(WebSocketAction action, JsonNode headers, JsonNode body) {
        JsonNode signature = headers.get("URL-Signature");
        return signature != null && signature.isTextual() && Authenticator.signatureAllows(signedUrlKey,
                action.method, action.path(body), headers.get("X-Project-ID").asText(), strings(headers.get("URL-Methods")),
                strings(headers.get("URL-Paths")), headers.path("URL-Expires").asText(null), signature.asText(),
                clock.instant());
    }

    /** Validates the token; the connection is authenticated until the token expires, then closed. */
    private ObjectNode authenticate(WebSocketSession session, JsonNode payload) {
        ObjectNode request = Json.MAPPER.createObjectNode().put("action", "authenticate");
        if (keystone == null) {
            return frame(request, 200, Json.MAPPER.createObjectNode().put("message", "Authentified."));
        }
        try {
            KeystoneTokens.Validated token = keystone.validateUntil(payload.get("headers").get("X-Auth-Token").asText());
            long millis = Math.max(0, Duration.between(clock.instant(), token.expiresAt()).toMillis());
            session.authenticated(token.identity(), timers.schedule(session::expire, millis, TimeUnit.MILLISECONDS));
            return frame(request, 200, Json.MAPPER.createObjectNode().put("message", "Authentified."));
        } catch (KeystoneTokens.InvalidToken e) {
            LOG.info("WebSocket authentication refused: {}", e.getMessage());
            return frame(request, 401, error("Authentication failed."));
        } catch (KeystoneTokens.Unavailable e) {
            LOG.error("Unable to validate token: {}", e.getMessage());
            return frame(request, 503, error("The Keystone service is temporarily unavailable."));
        }
    }

    /** The failure as upstream's {@code error_response}: {@code {"exception": ..., "error": ...}}. */
    private static ObjectNode failure(JsonNode payload, WebSocketAction action, Exception exception) {
        ErrorMapper.Reply reply = ErrorMapper.reply(exception, action.failure, "WebSocket " + action.wireName);
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("exception", reply.description());
        body.put("error", reply.title());
        return frame(payload, reply.status(), body);
    }

    private static ObjectNode error(String message) {
        return Json.MAPPER.createObjectNode().put("error", message);
    }

    /** Upstream's {@code Response.get_response}, the request echoed as {@code Request.get_request} shows it. */
    private static ObjectNode frame(JsonNode payload, int status, JsonNode body) {
        ObjectNode request = Json.MAPPER.createObjectNode();
        request.set("action", payload == null ? null : payload.get("action"));
        request.set("body", payload != null && payload.has("body") ? payload.get("body")
                : Json.MAPPER.createObjectNode());
        JsonNode headers = payload == null ? null : payload.get("headers");
        request.set("headers", headers == null || headers.isNull() ? Json.MAPPER.createObjectNode() : headers);
        request.put("api", "v2");
        ObjectNode frame = Json.MAPPER.createObjectNode();
        frame.set("request", request);
        frame.set("body", body);
        frame.putObject("headers").put("status", status);
        return frame;
    }

    private static List<String> strings(JsonNode node) {
        List<String> items = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(item -> items.add(item.asText()));
        } else if (node != null && node.isTextual()) {
            items.add(node.asText());
        }
        return items;
    }
}
