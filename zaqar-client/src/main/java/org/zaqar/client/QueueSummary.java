package org.zaqar.client;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A queue (or topic) as a listing shows it.
 *
 * @param metadata its metadata when the listing was {@code detailed}, else empty
 */
public record QueueSummary(String name, String href, Map<String, Object> metadata) {
    public QueueSummary {
        metadata = Json.copy(metadata);
    }

    static QueueSummary from(JsonNode node) {
        return new QueueSummary(Json.text(node, "name"), Json.text(node, "href"), Json.map(node.get("metadata")));
    }
}
