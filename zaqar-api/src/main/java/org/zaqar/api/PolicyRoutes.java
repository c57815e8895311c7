package org.zaqar.api;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BinaryOperator;

/** Which policy rule each route enforces, as upstream's {@code @acl.enforce} decorators name them. */
final class PolicyRoutes {
    private static final String QUEUE = "/v2/queues/{queue_name}";
    private static final String CLAIMS = QUEUE + "/claims";
    private static final String TOPIC = "/v2/topics/{topic_name}";
    private static final Map<String, String> RULES = new HashMap<>();
    private static final String QUEUE_ANONYMOUS = anonymous(QUEUE);
    /** ruleFor's answers by method and route template ("" for none): a handful of entries, asked on every request. */
    private static final Map<String, String> BY_ROUTE = new ConcurrentHashMap<>();
    /** The same for legacyRuleFor. */
    private static final Map<String, String> LEGACY_BY_ROUTE = new ConcurrentHashMap<>();

    static {
        put("GET", "/v2/queues", "queues:get_all");
        put("PUT", QUEUE, "queues:create");
        put("GET", QUEUE, "queues:get");
        put("DELETE", QUEUE, "queues:delete");
        put("PATCH", QUEUE, "queues:update");
        put("GET", QUEUE + "/stats", "queues:stats");
        put("POST", QUEUE + "/share", "queues:share");
        put("POST", QUEUE + "/purge", "queues:purge");
        put("POST", CLAIMS, "claims:create");
        put("GET", CLAIMS + "/{claim_id}", "claims:get");
        put("PATCH", CLAIMS + "/{claim_id}", "claims:update");
        put("DELETE", CLAIMS + "/{claim_id}", "claims:delete");
        // A topic's messages and subscriptions are served by the queue's resources, and so enforce their rules.
        for (String source : new String[] {QUEUE, TOPIC}) {
            String messages = source + "/messages";
            put("GET", messages, "messages:get_all");
            put("POST", messages, "messages:create");
            put("DELETE", messages, "messages:delete_all");
            put("GET", messages + "/{message_id}", "messages:get");
            put("DELETE", messages + "/{message_id}", "messages:delete");
            String subscriptions = source + "/subscriptions";
            put("GET", subscriptions, "subscription:get_all");
            put("POST", subscriptions, "subscription:create");
            put("GET", subscriptions + "/{subscription_id}", "subscription:get");
            put("PATCH", subscriptions + "/{subscription_id}", "subscription:update");
            put("DELETE", subscriptions + "/{subscription_id}", "subscription:delete");
            put("PUT", subscriptions + "/{subscription_id}/confirm", "subscription:confirm");
        }
        put("GET", "/v2/topics", "topics:get_all");
        put("PUT", TOPIC, "topics:create");
        put("GET", TOPIC, "topics:get");
        put("DELETE", TOPIC, "topics:delete");
        put("PATCH", TOPIC, "topics:update");
        put("GET", TOPIC + "/stats", "topics:stats");
        put("POST", TOPIC + "/purge", "topics:purge");
        for (String kind : new String[] {"pools", "flavors"}) {
            String one = "/v2/" + kind + "/{" + kind.substring(0, kind.length() - 1) + "_name}";
            put("GET", "/v2/" + kind, kind + ":get_all");
            put("PUT", one, kind + ":create");
            put("GET", one, kind + ":get");
            put("DELETE", one, kind + ":delete");
            put("PATCH", one, kind + ":update");
        }
        put("GET", "/v2/ping", "ping:get");
        put("HEAD", "/v2/ping", "ping:get");
        put("GET", "/v2/health", "health:get");
    }

    private PolicyRoutes() {
    }

    private static void put(String method, String path, String rule) {
        RULES.put(method + " " + anonymous(path), rule);
    }

    /**
     * The rule for a matched route template, or null when upstream enforces none there. A HEAD
     * without a rule of its own is the GET without the body, and so enforces the GET's rule.
     */
    static String ruleFor(String method, String routePath) {
        return cached(BY_ROUTE, method, routePath, (m, path) -> {
            String rule = RULES.get(m + " " + anonymous(path));
            return rule == null && m.equals("HEAD") ? RULES.get("GET " + anonymous(path)) : rule;
        });
    }

    /**
     * The rule of a v1.0 or v1.1 route: that of the v2 route it matches (upstream enforces none on
     * the older APIs). A queue's HEAD and v1.0's metadata read and write the queue; v1.0's
     * health is a ping.
     */
    static String legacyRuleFor(String method, String routePath) {
        return cached(LEGACY_BY_ROUTE, method, routePath, PolicyRoutes::legacyRule);
    }

    private static String legacyRule(String method, String routePath) {
        String path = anonymous(routePath);
        if (path.equals("/v1/health")) {
            return "ping:get";
        }
        String v2 = path.replaceFirst("^/v1(\\.1)?(?=/|$)", "/v2");
        if (v2.equals(path)) {
            return null;
        }
        if (v2.equals(QUEUE_ANONYMOUS + "/metadata") || method.equals("HEAD") && v2.equals(QUEUE_ANONYMOUS)) {
            return method.equals("PUT") ? "queues:update" : "queues:get";
        }
        String rule = RULES.get(method + " " + v2);
        return rule == null && method.equals("HEAD") ? RULES.get("GET " + v2) : rule;
    }

    private static String cached(Map<String, String> cache, String method, String routePath,
                                 BinaryOperator<String> rule) {
        String answer = cache.computeIfAbsent(method + " " + routePath,
                route -> Objects.requireNonNullElse(rule.apply(method, routePath), ""));
        return answer.isEmpty() ? null : answer;
    }

    /** Every rule some route enforces. */
    static Set<String> rules() {
        return Set.copyOf(RULES.values());
    }

    /** Path parameter names do not matter: {@code /v2/pools/{pool}} and {@code /v2/pools/{name}} are one route. */
    private static String anonymous(String path) {
        return path.replaceAll("\\{[^}]*}", "{}");
    }
}
