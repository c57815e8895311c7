package org.zaqar.client;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A subscription: the server sends the source queue's (or topic's) new messages to the subscriber.
 *
 * @param subscriber a URL: {@code http(s)://...}, {@code mailto:...}, {@code trust+http(s)://...} or {@code queue:NAME}
 * @param confirmed  whether the subscriber confirmed it (only required when the server asks for confirmation)
 */
public record Subscription(String id, String source, String subscriber, int ttl, int age, Map<String, Object> options,
                           boolean confirmed) {
    public Subscription {
        options = Json.copy(options);
    }

    static Subscription from(JsonNode node) {
        return new Subscription(Json.text(node, "id"), Json.text(node, "source"), Json.text(node, "subscriber"),
                node.path("ttl").asInt(), node.path("age").asInt(), Json.map(node.get("options")),
                node.path("confirmed").asBoolean());
    }
}
