package org.zaqar.storage.redis;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.zaqar.core.model.Message;

/**
 * Encodes what the scripts store and decodes their replies. A message's immutable part is stored
 * packed as {@code created \n client \n checksum \n body} (the body last, so it may hold
 * anything); a reply tuple is five strings: id, packed, expires, live claim id or '', claim count.
 */
final class RedisReplies {
    static final int MESSAGE_TUPLE = 5;

    private RedisReplies() {
    }

    static String pack(long created, String clientId, String checksum, String body) {
        String client = clientId == null ? "" : clientId.replace('\n', ' ');
        return created + "\n" + client + "\n" + (checksum == null ? "" : checksum) + "\n" + body;
    }

    static List<Message> messages(List<?> reply, int from) {
        List<Message> messages = new ArrayList<>((reply.size() - from) / MESSAGE_TUPLE);
        for (int i = from; i + MESSAGE_TUPLE <= reply.size(); i += MESSAGE_TUPLE) {
            String packed = text(reply.get(i + 1));
            int first = packed.indexOf('\n');
            int second = packed.indexOf('\n', first + 1);
            int third = packed.indexOf('\n', second + 1);
            long created = Long.parseLong(packed.substring(0, first));
            String checksum = packed.substring(second + 1, third);
            long expires = (long) Double.parseDouble(text(reply.get(i + 2)));
            int ttl = (int) Math.max(0, (expires - created + 999) / 1000);
            String claimId = text(reply.get(i + 3));
            messages.add(new Message(text(reply.get(i)), packed.substring(third + 1), ttl,
                    Instant.ofEpochMilli(created), checksum.isEmpty() ? null : checksum,
                    claimId.isEmpty() ? null : claimId, Integer.parseInt(text(reply.get(i + 4)))));
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
            return new String(bytes, StandardCharsets.UTF_8);
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
