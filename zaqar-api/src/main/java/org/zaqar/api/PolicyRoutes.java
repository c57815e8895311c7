package org.zaqar.api;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Which policy rule each route enforces, as upstream's {@code @acl.enforce} decorators name them. */
final class PolicyRoutes {
    private static final String QUEUE = "/v2/queues/{queue_name}";
    private static final String MESSAGES = QUEUE + "/messages";
    private static final String CLAIMS = QUEUE + "/claims";
    private static final String SUBSCRIPTIONS = QUEUE + "/subscriptions";
    private static final String TOPIC = "/v2/topics/{topic_name}";
    private static final Map<String, String> RULES = new HashMap<>();
    /** ruleFor's answers by method and route template ("" for none): a handful of entries, asked on every request. */
    private static final Map<String, String> BY_ROUTE = new ConcurrentHashMap<>();

    static {
        put("GET", "/v2/queues", "queues:get_all");
        put("PUT", QUEUE, "queues:create");
        put("GET", QUEUE, "queues:get");
        put("DELETE", QUEUE, "queues:delete");
        put("PATCH", QUEUE, "queues:update");
        put("GET", QUEUE + "/stats", "queues:stats");
        put("POST", QUEUE + "/share", "queues:share");
        put("POST", QUEUE + "/purge", "queues:purge");
        put("GET", MESSAGES, "messages:get_all");
        put("POST", MESSAGES, "messages:create");
        put("DELETE", MESSAGES, "messages:delete_all");
        put("GET", MESSAGES + "/{message_id}", "messages:get");
        put("DELETE", MESSAGES + "/{message_id}", "messages:delete");
        put("POST", CLAIMS, "claims:create");
        put("GET", CLAIMS + "/{claim_id}", "claims:get");
        put("PATCH", CLAIMS + "/{claim_id}", "claims:update");
        put("DELETE", CLAIMS + "/{claim_id}", "claims:delete");
        put("GET", SUBSCRIPTIONS, "subscription:get_all");
        put("POST", SUBSCRIPTIONS, "subscription:create");
        put("GET", SUBSCRIPTIONS + "/{subscription_id}", "subscription:get");
        put("PATCH", SUBSCRIPTIONS + "/{subscription_id}", "subscription:update");
        put("DELETE", SUBSCRIPTIONS + "/{subscription_id}", "subscription:delete");
        put("PUT", SUBSCRIPTIONS + "/{subscription_id}/confirm", "subscription:confirm");
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

    /** The rule for a matched route template, or null when upstream enforces none there. */
    static String ruleFor(String method, String routePath) {
        String rule = BY_ROUTE.computeIfAbsent(method + " " + routePath,
                route -> RULES.getOrDefault(method + " " + anonymous(routePath), ""));
        return rule.isEmpty() ? null : rule;
    }

    /** Path parameter names do not matter: {@code /v2/pools/{pool}} and {@code /v2/pools/{name}} are one route. */
    private static String anonymous(String path) {
        return path.replaceAll("\\{[^}]*}", "{}");
    }
}
