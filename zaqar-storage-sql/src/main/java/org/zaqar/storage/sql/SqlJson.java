package org.zaqar.storage.sql;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.zaqar.core.error.ZaqarException;

/** Queue metadata as JSON text in the database. */
final class SqlJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private SqlJson() {
    }

    static String write(Map<String, Object> metadata) {
        try {
            return MAPPER.writeValueAsString(metadata);
        } catch (JsonProcessingException e) {
            throw ZaqarException.validation("queue metadata cannot be written as JSON: " + e.getOriginalMessage());
        }
    }

    static Map<String, Object> read(String json) {
        try {
            return MAPPER.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw ZaqarException.unavailable("stored queue metadata is not valid JSON", e);
        }
    }

    /** True when {@code metadata} holds every key of {@code filter} with an equal JSON value. */
    static boolean matches(Map<String, Object> metadata, Map<String, Object> filter) {
        for (Map.Entry<String, Object> wanted : filter.entrySet()) {
            Object stored = metadata.get(wanted.getKey());
            if (!metadata.containsKey(wanted.getKey()) || !jsonEquals(stored, wanted.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** JSON equality: 3, 3L and 3.0 are one number, whatever Java type parsing picked. */
    private static boolean jsonEquals(Object left, Object right) {
        if (left instanceof Number a && right instanceof Number b) {
            return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) == 0;
        }
        if (left instanceof Map<?, ?> a && right instanceof Map<?, ?> b) {
            return a.size() == b.size() && a.entrySet().stream().allMatch(entry ->
                    b.containsKey(entry.getKey()) && jsonEquals(entry.getValue(), b.get(entry.getKey())));
        }
        if (left instanceof List<?> a && right instanceof List<?> b) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!jsonEquals(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(left, right);
    }
}
