package org.zaqar.client;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A claim: messages held for one consumer until it deletes them or the claim expires.
 *
 * @param ttl      seconds the claim lasts from its creation or last renewal
 * @param age      seconds since it was created
 * @param messages the claimed messages (each with {@link Message#claimId()} set)
 */
public record Claim(String id, int ttl, int age, List<Message> messages) {
    public Claim {
        messages = List.copyOf(messages);
    }

    static Claim from(String id, JsonNode body) {
        return new Claim(id, body.path("ttl").asInt(), body.path("age").asInt(),
                Json.list(body.get("messages"), Message::from));
    }
}
