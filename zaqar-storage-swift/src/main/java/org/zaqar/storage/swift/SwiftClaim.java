package org.zaqar.storage.swift;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.zaqar.core.error.ZaqarException;

/**
 * A claim as the JSON content of {@code zaqar_claim:QUEUE:PROJECT/CLAIM_ID}: its ttl, when it
 * was last set, when it expires (Zaqar's clock, epoch milliseconds) and the messages it took.
 * Whether a message is still held is decided by the message object itself.
 */
record SwiftClaim(@JsonProperty("ttl") int ttl,
                  @JsonProperty("updated") long updated,
                  @JsonProperty("expires") long expires,
                  @JsonProperty("messages") List<String> messages) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static SwiftClaim parse(String json) {
        try {
            return JSON.readValue(json, SwiftClaim.class);
        } catch (IOException e) {
            throw ZaqarException.unavailable("A Swift claim object is not Zaqar's JSON: " + e.getMessage(), e);
        }
    }

    String json() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
