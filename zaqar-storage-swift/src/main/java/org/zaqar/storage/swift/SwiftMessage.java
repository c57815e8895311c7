package org.zaqar.storage.swift;

import java.io.IOException;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.core.model.Message;

/**
 * A message as one Swift object's JSON content. Times are epoch milliseconds of Zaqar's clock,
 * which decides expiry; Swift's {@code X-Delete-After} only removes the object some time later.
 *
 * @param generation counts the changes of the message since it was posted: a change to generation
 *                   {@code n + 1} is made only by whoever created the lock object for it first
 */
record SwiftMessage(@JsonProperty("body") String body,
                    @JsonProperty("client") String client,
                    @JsonProperty("created") long created,
                    @JsonProperty("expires") long expires,
                    @JsonProperty("delay_until") long delayUntil,
                    @JsonProperty("checksum") String checksum,
                    @JsonProperty("claim_id") String claimId,
                    @JsonProperty("claim_expires") long claimExpires,
                    @JsonProperty("claim_count") int claimCount,
                    @JsonProperty("generation") long generation) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static SwiftMessage parse(String json) {
        try {
            return JSON.readValue(json, SwiftMessage.class);
        } catch (IOException e) {
            throw ZaqarException.unavailable("A Swift message object is not Zaqar's JSON: " + e.getMessage(), e);
        }
    }

    String json() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean live(long now) {
        return expires > now;
    }

    boolean claimed(long now) {
        return claimId != null && claimExpires > now;
    }

    boolean delayed(long now) {
        return delayUntil > now;
    }

    /** Held by {@code claim} until {@code until}; lives at least until {@code liveUntil}. */
    SwiftMessage claimedBy(String claim, long until, long liveUntil, int count) {
        return new SwiftMessage(body, client, created, Math.max(expires, liveUntil), delayUntil, checksum, claim,
                until, count, generation + 1);
    }

    SwiftMessage released() {
        return new SwiftMessage(body, client, created, expires, delayUntil, checksum, null, 0, claimCount,
                generation + 1);
    }

    /** For a claim change that does not alter the message itself (the deletion it precedes). */
    SwiftMessage nextGeneration() {
        return new SwiftMessage(body, client, created, expires, delayUntil, checksum, claimId, claimExpires,
                claimCount, generation + 1);
    }

    Message toMessage(String id, long now) {
        int ttl = (int) Math.max(0, (expires - created + 999) / 1000);
        return new Message(id, body, ttl, Instant.ofEpochMilli(created), checksum, claimed(now) ? claimId : null,
                claimCount);
    }
}
