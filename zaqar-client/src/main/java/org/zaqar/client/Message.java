package org.zaqar.client;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A message as the server returns it.
 *
 * @param body     the message body, any JSON value
 * @param ttl      seconds the message lives from its creation
 * @param age      seconds since it was created
 * @param checksum the body's checksum ({@code MD5:...}), or null when the server sends none
 * @param claimId  the claim holding it when it came from a claim (or a claimed listing), else null
 */
public record Message(String id, String href, int ttl, int age, JsonNode body, String checksum, String claimId) {
    static Message from(JsonNode node) {
        String href = Json.text(node, "href");
        String claimId = Json.text(node, "claim_id");
        if (claimId == null && href != null) {
            claimId = claimIdOf(href);
        }
        return new Message(Json.text(node, "id"), href, node.path("ttl").asInt(), node.path("age").asInt(),
                node.get("body"), Json.text(node, "checksum"), claimId);
    }

    private static String claimIdOf(String href) {
        String query = URI.create(href).getRawQuery();
        for (String pair : query == null ? new String[0] : query.split("&")) {
            if (pair.startsWith("claim_id=")) {
                return URLDecoder.decode(pair.substring("claim_id=".length()), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
