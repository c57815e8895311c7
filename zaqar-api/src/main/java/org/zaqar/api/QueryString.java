package org.zaqar.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The query of a "next" link, written as falcon's {@code to_query_str}: true/false, values percent-encoded. */
final class QueryString {
    private final Map<String, Object> params = new LinkedHashMap<>();

    QueryString putIfPresent(String name, Object value) {
        if (value != null) {
            params.put(name, value);
        }
        return this;
    }

    QueryString put(String name, Object value) {
        params.put(name, value);
        return this;
    }

    boolean contains(String name) {
        return params.containsKey(name);
    }

    @Override
    public String toString() {
        if (params.isEmpty()) {
            return "";
        }
        StringBuilder query = new StringBuilder("?");
        params.forEach((name, value) -> {
            if (query.length() > 1) {
                query.append('&');
            }
            query.append(encode(name)).append('=').append(encode(String.valueOf(value)));
        });
        return query.toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
