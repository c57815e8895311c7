package org.zaqar.api;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Malformed requests from a seeded random source: a valid request for the route, then one or
 * more faults (a field of the wrong type or missing, a huge or negative number, a body cut short
 * or not UTF-8, a bad query parameter, header or path segment). The same seed gives the same requests.
 */
final class FuzzRequests {
    /** One HTTP request; its toString is what a failure report shows. */
    record Request(String method, String target, List<String> headers, byte[] body) {
        @Override
        public String toString() {
            String text = body == null ? "no body" : new String(body, StandardCharsets.UTF_8);
            return method + " " + target + " " + headers + " " + FuzzApiTest.abbreviate(text);
        }
    }

    private static final List<String> WEIRD_JSON = List.of("null", "true", "false", "0", "-1", "1.5", "-2147483649",
            "9223372036854775807", "99999999999999999999999", "1e400", "-1e400", "\"\"", "\"x\"", "\"" + "x".repeat(300)
                    + "\"", "\"\\ud800\"", "[]", "[null]", "[[]]", "{}", "{\"a\": {}}", "[1, \"a\", {}]");
    private static final List<String> PATH_SEGMENTS = List.of("q", "bad%20name", "x".repeat(65), "%ff%fe", "%00",
            "..", "q%2Fx", "%", "0123456789abcdef01234567", "-", "%E2%82%AC", "q;x", "q%3Fa=1");
    private static final List<String> QUERY_NAMES = List.of("limit", "marker", "echo", "include_claimed",
            "include_delayed", "ids", "claim_ids", "pop", "detailed", "claim_id", "name", "with_count");
    private static final List<String> QUERY_VALUES = List.of("", "x", "-1", "0", "1", "21", "99999999999999999999",
            "true", "maybe", "%ff", "1e3", ",", "a,b,", "%00", "0123456789abcdef01234567");
    private static final List<String> CONTENT_TYPES = List.of("application/json",
            "application/openstack-messaging-v2.0-json-patch", "text/plain", "application/x-www-form-urlencoded",
            "application/json; charset=latin1", "");
    private static final String[] WEBSOCKET_FIELDS = {"queue_name", "metadata", "marker", "limit", "detailed",
        "resource_types", "echo", "include_claimed", "include_delayed", "message_id", "message_ids", "messages",
        "claim_id", "claim_ids", "pop", "ttl", "grace", "subscriber", "options", "subscription_id"};

    private final SplittableRandom random;
    private final String project;
    private final String clientId;
    private final String poolPrefix;
    private int pools;

    FuzzRequests(SplittableRandom random, String project, String clientId, String poolPrefix) {
        this.random = random;
        this.project = project;
        this.clientId = clientId;
        this.poolPrefix = poolPrefix;
    }

    /** A request for a route such as {@code POST /v2/queues/{queue_name}/messages}. */
    Request http(String route) {
        String method = route.substring(0, route.indexOf(' '));
        String template = route.substring(route.indexOf(' ') + 1);
        String path = template.replaceAll("\\{[^}]*}", "q");
        if (random.nextInt(4) == 0) {
            path = template.replaceAll("\\{[^}]*}", pick(PATH_SEGMENTS));
        }
        StringBuilder target = new StringBuilder(path);
        int parameters = random.nextInt(4) == 0 ? random.nextInt(1, 4) : 0;
        for (int i = 0; i < parameters; i++) {
            target.append(i == 0 ? '?' : '&').append(pick(QUERY_NAMES)).append('=').append(pick(QUERY_VALUES));
        }
        List<String> headers = headers(method);
        byte[] body = List.of("POST", "PUT", "PATCH").contains(method) ? body(template, method) : null;
        return new Request(method, target.toString(), headers, body);
    }

    private List<String> headers(String method) {
        List<String> headers = new ArrayList<>();
        switch (random.nextInt(8)) {
            case 0 -> { }
            case 1 -> headers.add("Client-ID: not-a-uuid");
            case 2 -> headers.add("Client-ID: " + "c".repeat(300));
            case 3 -> headers.add("Client-ID: \u00e9\u00ff");
            default -> headers.add("Client-ID: " + clientId);
        }
        switch (random.nextInt(8)) {
            case 0 -> { }
            case 1 -> headers.add("X-Project-ID: " + "p".repeat(300));
            case 2 -> headers.add("X-Project-ID: \u00ff\u00fe");
            case 3 -> headers.add("X-Project-ID: ");
            default -> headers.add("X-Project-ID: " + project);
        }
        String contentType = method.equals("PATCH") && random.nextBoolean()
                ? "application/openstack-messaging-v2.0-json-patch"
                : random.nextInt(4) == 0 ? pick(CONTENT_TYPES) : "application/json";
        if (!contentType.isEmpty()) {
            headers.add("Content-Type: " + contentType);
        }
        if (random.nextInt(8) == 0) {
            headers.add(pick(List.of("Accept: text/html", "Accept: */*;q=0", "X-Roles: admin",
                    "URL-Signature: x", "URL-Expires: never", "X-HTTP-Method-Override: DELETE", "EXTRA-SPEC: :::")));
        }
        return headers;
    }

    private byte[] body(String template, String method) {
        String text = valid(template, method).toString();
        return switch (random.nextInt(10)) {
            case 0 -> text.getBytes(StandardCharsets.UTF_8);  // the valid request itself
            case 1 -> text.substring(0, random.nextInt(text.length() + 1)).getBytes(StandardCharsets.UTF_8);
            case 2 -> notUtf8(text);
            case 3 -> new byte[0];
            case 4 -> pick(WEIRD_JSON).getBytes(StandardCharsets.UTF_8);
            default -> mutate(valid(template, method)).toString().getBytes(StandardCharsets.UTF_8);
        };
    }

    /** A body the route would accept. */
    private JsonNode valid(String template, String method) {
        String shape = template.replaceAll("\\{[^}]*}", "{}");
        ObjectNode body = Json.MAPPER.createObjectNode();
        if (shape.endsWith("/messages") && shape.startsWith("/v1/")) {
            ArrayNode messages = Json.MAPPER.createArrayNode();
            messages.addObject().put("ttl", 300).putObject("body").put("a", 1);
            return messages;
        }
        if (shape.endsWith("/messages")) {
            ObjectNode message = body.putArray("messages").addObject().put("ttl", 300).put("delay", 0);
            message.putObject("body").put("event", "x");
        } else if (shape.endsWith("/claims") || shape.endsWith("/claims/{}")) {
            body.put("ttl", 60).put("grace", 30);
        } else if (shape.endsWith("/subscriptions") || shape.endsWith("/subscriptions/{}")) {
            body.put("subscriber", "http://127.0.0.1:1/hook").put("ttl", 3600);
            body.putObject("options").putObject("_retry_policy").put("retries_with_no_delay", 1);
        } else if (shape.endsWith("/confirm")) {
            body.put("confirmed", true);
        } else if (shape.endsWith("/share")) {
            body.putArray("paths").add("messages");
            body.putArray("methods").add("GET");
            body.put("expires", "2099-01-01T00:00:00");
        } else if (shape.endsWith("/purge")) {
            body.putArray("resource_types").add("messages").add("subscriptions");
        } else if (shape.contains("/pools/")) {
            body.put("weight", 10).put("uri", "sqlite:///" + poolPrefix + (pools++) + ".db").put("group", "g");
            body.putObject("options");
        } else if (shape.contains("/flavors/")) {
            body.putArray("pool_list").add("p");
            body.putObject("capabilities");
        } else if (method.equals("PATCH")) {
            ArrayNode patch = Json.MAPPER.createArrayNode();
            patch.addObject().put("op", "replace").put("path", "/metadata/_max_claim_count").put("value", 2);
            return patch;
        } else {
            body.put("_default_message_ttl", 300).put("_max_messages_post_size", 65536).put("_max_claim_count", 3)
                    .put("_dead_letter_queue", "dlq").put("_default_message_delay", 0).put("note", "x");
        }
        return body;
    }

    /** One fault in the tree: a value replaced by one of the wrong type, or a field removed. */
    private JsonNode mutate(JsonNode root) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        JsonNode container = containers.get(random.nextInt(containers.size()));
        if (container instanceof ObjectNode object && !object.isEmpty()) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            String name = pick(names);
            if (random.nextInt(4) == 0) {
                object.remove(name);
            } else {
                object.set(name, weird());
            }
        } else if (container instanceof ArrayNode array && !array.isEmpty()) {
            array.set(random.nextInt(array.size()), weird());
        }
        return root;
    }

    private static void collect(JsonNode node, List<JsonNode> containers) {
        if (node.isContainerNode()) {
            containers.add(node);
            for (Iterator<JsonNode> children = node.elements(); children.hasNext(); ) {
                collect(children.next(), containers);
            }
        }
    }

    private JsonNode weird() {
        String text = pick(WEIRD_JSON);
        try {
            return Json.MAPPER.readTree(text);
        } catch (Exception unparsable) {  // 1e400: Jackson keeps it as a huge decimal text, so it stays valid JSON
            return Json.MAPPER.getNodeFactory().textNode(text);
        }
    }

    /** The text with bytes that are not UTF-8 inside it. */
    private byte[] notUtf8(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int at = random.nextInt(bytes.length + 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(bytes, 0, at);
        out.writeBytes(new byte[] {(byte) 0xff, (byte) 0xfe, (byte) 0xc3});
        out.write(bytes, at, bytes.length - at);
        return out.toByteArray();
    }

    /** A WebSocket request frame for an action, with random fields of random types. */
    String webSocket(String action) {
        ObjectNode frame = Json.MAPPER.createObjectNode();
        frame.put("action", random.nextInt(20) == 0 ? pick(List.of("", "nope", "QUEUE_LIST")) : action);
        ObjectNode headers = frame.putObject("headers");
        if (random.nextInt(6) != 0) {
            headers.put("Client-ID", random.nextInt(6) == 0 ? "not-a-uuid" : clientId);
        }
        if (random.nextInt(6) != 0) {
            headers.set("X-Project-ID", random.nextInt(6) == 0 ? weird() : Json.MAPPER.getNodeFactory().textNode(project));
        }
        ObjectNode body = frame.putObject("body");
        body.put("queue_name", random.nextInt(5) == 0 ? pick(PATH_SEGMENTS) : "q");
        validWebSocketFields(action, body);
        for (int i = random.nextInt(4); i > 0; i--) {
            String field = WEBSOCKET_FIELDS[random.nextInt(WEBSOCKET_FIELDS.length)];
            if (random.nextInt(4) == 0) {
                body.remove(field);
            } else {
                body.set(field, weird());
            }
        }
        if (random.nextInt(10) == 0) {
            frame.set(pick(List.of("headers", "body", "action")), weird());
        }
        String text = frame.toString();
        text = random.nextInt(10) == 0 ? text.substring(0, random.nextInt(text.length())) : text;
        // A WebSocket text frame must be UTF-8: a lone surrogate (from "\ud800" or a cut) becomes '?'.
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    /** The fields an action needs to succeed, so that faults are met past the first check too. */
    private static void validWebSocketFields(String action, ObjectNode body) {
        switch (action) {
            case "message_post" -> body.putArray("messages").addObject().put("ttl", 300).putObject("body").put("a", 1);
            case "claim_create" -> body.put("ttl", 60).put("grace", 30).put("limit", 5);
            case "claim_update" -> body.put("claim_id", "0123456789abcdef01234567").put("ttl", 60);
            case "subscription_create" -> body.put("subscriber", "http://127.0.0.1:1/hook").put("ttl", 3600)
                    .putObject("options");
            case "queue_create" -> body.putObject("metadata").put("_default_message_ttl", 300);
            case "message_get_many", "message_delete_many" -> body.putArray("message_ids").add("0123456789abcdef01234567");
            case "queue_purge" -> body.putArray("resource_types").add("messages");
            case "message_list" -> body.put("limit", 5).put("echo", true);
            default -> { }
        }
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
