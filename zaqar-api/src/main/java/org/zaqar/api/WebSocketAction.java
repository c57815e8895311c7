package org.zaqar.api;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The actions of upstream's WebSocket API ({@code zaqar/api/v2/request.py} and the v1/v1.1
 * schemas it extends), each with the HTTP route it stands for: that route's policy rule applies,
 * and a pre-signed URL must cover that route. The request schema is upstream's: which headers
 * and body fields are required, and the JSON type of each known field.
 */
enum WebSocketAction {
    AUTHENTICATE(null, null, null, false),
    QUEUE_LIST("GET", "/v2/queues", "Queues could not be listed.", false,
            "marker:string", "limit:integer", "detailed:boolean"),
    QUEUE_CREATE("PUT", Paths.QUEUE, "Queue could not be created.", true, "queue_name!:string", "metadata:object"),
    QUEUE_DELETE("DELETE", Paths.QUEUE, "Queue could not be deleted.", true, "queue_name!:string"),
    QUEUE_GET("GET", Paths.QUEUE, "Queue metadata could not be retrieved.", true, "queue_name!:string"),
    QUEUE_GET_STATS("GET", Paths.QUEUE + "/stats", "Queue stats could not be read.", true, "queue_name!:string"),
    QUEUE_PURGE("POST", Paths.QUEUE + "/purge", "Queue could not be purged.", true,
            "queue_name!:string", "resource_types:array"),
    MESSAGE_LIST("GET", Paths.MESSAGES, "Messages could not be listed.", true, "queue_name!:string",
            "marker:string", "limit:integer", "echo:boolean", "include_claimed:boolean", "include_delayed:boolean"),
    MESSAGE_GET("GET", Paths.MESSAGE, "Message could not be retrieved.", true,
            "queue_name!:string", "message_id!:string"),
    MESSAGE_GET_MANY("GET", Paths.MESSAGES, "Messages could not be listed.", true,
            "queue_name!:string", "message_ids!:array"),
    MESSAGE_POST("POST", Paths.MESSAGES, "Messages could not be enqueued.", true,
            "queue_name!:string", "messages!:array"),
    MESSAGE_DELETE("DELETE", Paths.MESSAGE, "Message could not be deleted.", true,
            "queue_name!:string", "message_id!:string", "claim_id:string"),
    MESSAGE_DELETE_MANY("DELETE", Paths.MESSAGES, "Messages could not be deleted.", true,
            "queue_name!:string", "message_ids:array", "claim_ids:array", "pop:integer"),
    CLAIM_CREATE("POST", Paths.CLAIMS, "Claim could not be created.", true,
            "queue_name!:string", "limit:integer", "ttl:integer", "grace:integer"),
    CLAIM_GET("GET", Paths.CLAIM, "Claim could not be queried.", true, "queue_name!:string", "claim_id!:string"),
    CLAIM_UPDATE("PATCH", Paths.CLAIM, "Claim could not be updated.", true,
            "queue_name!:string", "claim_id!:string", "ttl:integer"),
    CLAIM_DELETE("DELETE", Paths.CLAIM, "Claim could not be deleted.", true,
            "queue_name!:string", "claim_id!:string"),
    SUBSCRIPTION_LIST("GET", Paths.SUBSCRIPTIONS, "Subscriptions could not be listed.", true, "queue_name!:string"),
    SUBSCRIPTION_CREATE("POST", Paths.SUBSCRIPTIONS, "Subscription could not be created.", true,
            "queue_name!:string", "subscriber:string", "ttl:integer", "options:object"),
    SUBSCRIPTION_DELETE("DELETE", Paths.SUBSCRIPTION, "Subscription could not be deleted.", true,
            "queue_name!:string", "subscription_id!:string"),
    SUBSCRIPTION_GET("GET", Paths.SUBSCRIPTION, "Subscription could not be retrieved.", true,
            "queue_name!:string", "subscription_id!:string");

    /** The header types upstream's schema declares; any other header is free. */
    private static final Map<String, String> HEADER_TYPES = Map.of("User-Agent", "string", "Date", "string",
            "Accept", "string", "Client-ID", "string", "X-Project-ID", "string", "X-Auth-Token", "string");
    private static final Map<String, WebSocketAction> BY_NAME = new LinkedHashMap<>();

    static {
        for (WebSocketAction action : values()) {
            BY_NAME.put(action.wireName, action);
        }
    }

    final String wireName = name().toLowerCase(Locale.ROOT);
    /** The equivalent HTTP method and route template; null for {@code authenticate}. */
    final String method;
    final String route;
    /** Upstream's description of what failed when the store is unavailable. */
    final String failure;
    private final boolean bodyRequired;
    /** Body field name to JSON type. */
    private final Map<String, String> fieldTypes = new LinkedHashMap<>();
    private final Set<String> requiredFields;

    WebSocketAction(String method, String route, String failure, boolean bodyRequired, String... fields) {
        this.method = method;
        this.route = route;
        this.failure = failure;
        this.bodyRequired = bodyRequired;
        for (String field : fields) {
            String[] nameAndType = field.split(":");
            fieldTypes.put(nameAndType[0].replace("!", ""), nameAndType[1]);
        }
        this.requiredFields = Arrays.stream(fields).filter(f -> f.contains("!:"))
                .map(f -> f.substring(0, f.indexOf('!'))).collect(Collectors.toUnmodifiableSet());
    }

    /** The action of this name, or null when there is none. */
    static WebSocketAction named(String name) {
        return BY_NAME.get(name);
    }

    /** The concrete path of the equivalent HTTP route: its parameters filled from the body. */
    String path(JsonNode body) {
        Matcher parameter = Pattern.compile("\\{([a-z_]+)}").matcher(route);
        StringBuilder path = new StringBuilder();
        while (parameter.find()) {
            parameter.appendReplacement(path, Matcher.quoteReplacement(body.path(parameter.group(1)).asText()));
        }
        return parameter.appendTail(path).toString();
    }

    /** The headers this action requires, as upstream's schema. */
    private Set<String> requiredHeaders() {
        return this == AUTHENTICATE ? Set.of("X-Project-ID", "X-Auth-Token") : Set.of("Client-ID", "X-Project-ID");
    }

    /** Upstream's schema check of a whole request: {@code {"action", "headers", "body"}}. */
    boolean accepts(JsonNode payload) {
        JsonNode headers = payload.get("headers");
        if (headers == null || !headers.isObject()) {
            return false;
        }
        for (String header : requiredHeaders()) {
            if (!headers.has(header)) {
                return false;
            }
        }
        for (Map.Entry<String, String> type : HEADER_TYPES.entrySet()) {
            if (headers.has(type.getKey()) && !isOfType(headers.get(type.getKey()), type.getValue())) {
                return false;
            }
        }
        JsonNode body = payload.get("body");
        if (body == null) {
            return !bodyRequired;
        }
        if (!body.isObject()) {
            return false;
        }
        for (String field : requiredFields) {
            if (!body.has(field)) {
                return false;
            }
        }
        for (Map.Entry<String, String> type : fieldTypes.entrySet()) {
            if (body.has(type.getKey()) && !isOfType(body.get(type.getKey()), type.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** JSON schema draft 4 types: an integer is integral (never a boolean), as Python's jsonschema checks. */
    private static boolean isOfType(JsonNode value, String type) {
        return switch (type) {
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "boolean" -> value.isBoolean();
            case "array" -> value.isArray();
            case "object" -> value.isObject();
            default -> throw new IllegalStateException("unknown schema type " + type);
        };
    }

    /** The route templates the actions stand for, as {@link PolicyRoutes} names them. */
    private static final class Paths {
        static final String QUEUE = "/v2/queues/{queue_name}";
        static final String MESSAGES = QUEUE + "/messages";
        static final String MESSAGE = MESSAGES + "/{message_id}";
        static final String CLAIMS = QUEUE + "/claims";
        static final String CLAIM = CLAIMS + "/{claim_id}";
        static final String SUBSCRIPTIONS = QUEUE + "/subscriptions";
        static final String SUBSCRIPTION = SUBSCRIPTIONS + "/{subscription_id}";
    }
}
