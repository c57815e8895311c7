package org.zaqar.client;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A flavor (admin only): a set of pools a queue can ask for in its {@code _flavor} metadata.
 *
 * @param pools        the pools of its {@code pool_list}
 * @param capabilities what its pools offer ({@code FIFO}, {@code CLAIMS}, ...), as the server reports it
 */
public record Flavor(String name, String href, List<String> pools, List<String> capabilities) {
    public Flavor {
        pools = List.copyOf(pools);
        capabilities = List.copyOf(capabilities);
    }

    static Flavor from(JsonNode node) {
        return new Flavor(Json.text(node, "name"), Json.text(node, "href"), Json.strings(node.get("pool_list")),
                Json.strings(node.get("capabilities")));
    }
}
