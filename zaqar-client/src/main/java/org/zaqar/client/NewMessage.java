package org.zaqar.client;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A message to post.
 *
 * @param body    any value Jackson writes as JSON (a map, a record, a string, a number...)
 * @param ttl     seconds the message lives, or null for the queue's default
 * @param delay   seconds before it can be claimed, or null for the queue's default; as upstream, the
 *                server applies it only in a queue with {@code _default_message_delay} metadata
 * @param dedupId an id the server may use to drop a second post of the same message (sent as
 *                {@code dedup_id}, and only when set). Zaqar does not honour it yet; it is here so
 *                that producers which retry their posts can start sending one now.
 */
public record NewMessage(Object body, Integer ttl, Integer delay, String dedupId) {
    /** A message with the queue's default ttl and delay. */
    public static NewMessage of(Object body) {
        return new NewMessage(body, null, null, null);
    }

    /** This message, living {@code seconds}. */
    public NewMessage withTtl(int seconds) {
        return new NewMessage(body, seconds, delay, dedupId);
    }

    /** This message, delayed {@code seconds}. */
    public NewMessage withDelay(int seconds) {
        return new NewMessage(body, ttl, seconds, dedupId);
    }

    /** This message, with a {@code dedup_id} (see the class comment). */
    public NewMessage withDedupId(String id) {
        return new NewMessage(body, ttl, delay, id);
    }

    Map<String, Object> toJson() {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("body", body);
        if (ttl != null) {
            node.put("ttl", ttl);
        }
        if (delay != null) {
            node.put("delay", delay);
        }
        if (dedupId != null) {
            node.put("dedup_id", dedupId);
        }
        return node;
    }
}
