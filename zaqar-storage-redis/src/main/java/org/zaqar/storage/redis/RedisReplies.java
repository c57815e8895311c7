package org.zaqar.storage.redis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.zaqar.core.model.Message;

/** Decodes script replies. A message is a tuple of seven strings (see {@code append_message} in common.lua). */
final class RedisReplies {
    static final int MESSAGE_TUPLE = 7;

    private RedisReplies() {
    }

    static List<Message> messages(List<?> reply, int from) {
        List<Message> messages = new ArrayList<>((reply.size() - from) / MESSAGE_TUPLE);
        for (int i = from; i + MESSAGE_TUPLE <= reply.size(); i += MESSAGE_TUPLE) {
            long created = Long.parseLong(text(reply.get(i + 2)));
            long expires = Long.parseLong(text(reply.get(i + 3)));
            int ttl = (int) Math.max(0, (expires - created + 999) / 1000);
            String checksum = text(reply.get(i + 4));
            String claimId = text(reply.get(i + 5));
            messages.add(new Message(text(reply.get(i)), text(reply.get(i + 1)), ttl, Instant.ofEpochMilli(created),
                    checksum.isEmpty() ? null : checksum, claimId.isEmpty() ? null : claimId,
                    Integer.parseInt(text(reply.get(i + 6)))));
        }
        return messages;
    }

    static List<?> list(Object reply) {
        return reply instanceof List<?> list ? list : List.of();
    }

    static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof byte[] bytes) {
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }
        return value.toString();
    }

    static long number(Object value) {
        if (value instanceof Long l) {
            return l;
        }
        return Long.parseLong(text(value));
    }
}
