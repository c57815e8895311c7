package org.zaqar.api;

import static io.javalin.http.HandlerType.POST;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import org.zaqar.core.model.RequestContext;

/** {@code POST /v2/queues/{queue}/share}: issues a pre-signed URL (upstream's v2_0/urls.py). */
final class ShareResource {
    private static final Set<String> KNOWN_KEYS = Set.of("methods", "expires", "paths");
    private static final Set<String> VALID_PATHS = Set.of("messages", "subscriptions", "claims");

    private final String secretKey;
    private final InstantSource clock;

    ShareResource(String secretKey, InstantSource clock) {
        this.secretKey = secretKey;
        this.clock = clock;
    }

    void register(Routes routes) {
        routes.add(POST, "/v2/queues/{queue_name}/share", "Pre-signed URL could not be created.", this::share);
    }

    private void share(Context ctx, RequestContext request) {
        JsonNode document = Json.readBody(ctx);
        if (!document.isObject()) {
            throw Json.documentTypeNotSupported();
        }
        Set<String> unknown = new TreeSet<>();
        document.fieldNames().forEachRemaining(name -> {
            if (!KNOWN_KEYS.contains(name)) {
                unknown.add(name);
            }
        });
        if (!unknown.isEmpty()) {
            throw ApiError.badRequest("Unknown keys: " + pythonSet(unknown));
        }
        String base = "/v2/queues/" + ctx.pathParam(RequestGuard.QUEUE_NAME) + "/";
        List<String> paths = new ArrayList<>();
        JsonNode requested = document.get("paths");
        if (!isFalsy(requested)) {
            Set<String> invalid = new TreeSet<>();
            for (String item : pythonIterable(requested)) {
                if (VALID_PATHS.contains(item)) {
                    paths.add(base + item);
                } else {
                    invalid.add(item);
                }
            }
            if (!invalid.isEmpty()) {
                throw ApiError.badRequest("Invalid paths: " + pythonSet(invalid));
            }
        } else {
            paths.add(base + "messages");
        }
        List<String> methods = methods(document.get("methods"));
        String expires = expires(document.get("expires"));
        SignedUrls.Signed signed;
        try {
            signed = SignedUrls.create(secretKey, paths, request.projectId(), expires, methods, clock.instant());
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(e.getMessage());
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("paths", Json.MAPPER.valueToTree(signed.paths()));
        body.set("methods", Json.MAPPER.valueToTree(signed.methods()));
        body.put("project", signed.project());
        body.put("expires", signed.expires());
        body.put("signature", signed.signature());
        Json.write(ctx, body);
    }

    /** Upstream uses {@code methods or ['GET']}, and refuses anything but a list. */
    private static List<String> methods(JsonNode node) {
        if (isFalsy(node)) {
            return null;
        }
        if (!node.isArray()) {
            throw ApiError.badRequest("`methods` should be a list");
        }
        List<String> methods = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw ApiError.badRequest("`methods` should be a list of strings");
            }
            methods.add(item.textValue());
        }
        return methods;
    }

    private static String expires(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isNumber() || node.isBoolean()) {
            long value = node.isBoolean() ? (node.booleanValue() ? 1 : 0) : node.longValue();
            if (value != 0) {
                throw ApiError.badRequest("`expires` should be date format, for example 2016-01-01T00:00:00, "
                        + "not integer value: " + value);
            }
        }
        throw ApiError.badRequest("Expecting a string, got " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
    }

    /** Python truthiness of a JSON value: absent, null, false, 0, "", [] and {} are false. */
    private static boolean isFalsy(JsonNode node) {
        return node == null || node.isNull() || (node.isBoolean() && !node.booleanValue())
                || (node.isNumber() && node.doubleValue() == 0) || (node.isTextual() && node.textValue().isEmpty())
                || (node.isContainerNode() && node.isEmpty());
    }

    /** What {@code set(value)} iterates in Python: list items, a string's characters, an object's keys. */
    private static List<String> pythonIterable(JsonNode node) {
        List<String> items = new ArrayList<>();
        if (node.isTextual()) {
            node.textValue().codePoints().forEach(c -> items.add(Character.toString(c)));
        } else if (node.isObject()) {
            node.fieldNames().forEachRemaining(items::add);
        } else if (node.isArray()) {
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                JsonNode item = it.next();
                items.add(item.isTextual() ? item.textValue() : item.toString());
            }
        } else {
            throw ApiError.badRequest("Invalid paths: " + node);
        }
        return items;
    }

    private static String pythonSet(Set<String> items) {
        return "{" + String.join(", ", items.stream().map(item -> "'" + item + "'").toList()) + "}";
    }
}
