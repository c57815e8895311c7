package org.zaqar.client;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A storage pool (admin only).
 *
 * @param flavor  the flavor the pool serves, or null
 * @param options the store options, when the pool was read {@code detailed}, else empty
 */
public record Pool(String name, String href, String uri, int weight, String flavor, Map<String, Object> options) {
    public Pool {
        options = Json.copy(options);
    }

    static Pool from(JsonNode node) {
        return new Pool(Json.text(node, "name"), Json.text(node, "href"), Json.text(node, "uri"),
                node.path("weight").asInt(), Json.text(node, "flavor"), Json.map(node.get("options")));
    }
}
