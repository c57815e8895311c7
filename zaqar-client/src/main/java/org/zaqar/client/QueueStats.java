package org.zaqar.client;

import com.fasterxml.jackson.databind.JsonNode;

/** How many messages a queue (or topic) holds: unclaimed, claimed, and both. */
public record QueueStats(long free, long claimed, long total) {
    static QueueStats from(JsonNode body) {
        JsonNode messages = body.path("messages");
        return new QueueStats(messages.path("free").asLong(), messages.path("claimed").asLong(),
                messages.path("total").asLong());
    }
}
