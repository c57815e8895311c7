package org.zaqar.api;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.zaqar.core.model.Message;

/** The JSON shapes of upstream v2 responses ({@code format_message_v1_1} and friends). */
final class Views {
    private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private Views() {
    }

    static String queuePath(String queue) {
        return path("queues", queue);
    }

    /** {@code /v2/queues/NAME} or {@code /v2/topics/NAME}. */
    static String path(String collection, String name) {
        return "/v2/" + collection + "/" + name;
    }

    static String messageHref(String queue, String messageId, String claimId) {
        return messageHref("queues", queue, messageId, claimId);
    }

    static String messageHref(String collection, String queue, String messageId, String claimId) {
        String href = path(collection, queue) + "/messages/" + messageId;
        return claimId == null ? href : href + new QueryString().put("claim_id", claimId);
    }

    /** A message as listed, fetched or claimed: its href names the claim holding it, when one does. */
    static ObjectNode message(Message message, String queue, String claimId, Instant now) {
        return message(message, "queues", queue, claimId, now);
    }

    static ObjectNode message(Message message, String collection, String queue, String claimId, Instant now) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("id", message.id());
        node.put("href", messageHref(collection, queue, message.id(), claimId));
        node.put("ttl", message.ttl());
        node.put("age", message.ageSeconds(now));
        node.set("body", Json.readStored(message.body()));
        if (message.checksum() != null && !message.checksum().isEmpty()) {
            node.put("checksum", message.checksum());
        }
        return node;
    }

    /** A popped message: upstream returns the stored document as is, claim fields included. */
    static ObjectNode popped(Message message, Instant now) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("id", message.id());
        node.put("age", message.ageSeconds(now));
        node.put("ttl", message.ttl());
        node.set("body", Json.readStored(message.body()));
        node.putNull("claim_id");
        node.put("claim_count", message.claimCount());
        if (message.checksum() != null && !message.checksum().isEmpty()) {
            node.put("checksum", message.checksum());
        }
        return node;
    }

    static String created(Instant instant) {
        return CREATED.format(instant);
    }
}
