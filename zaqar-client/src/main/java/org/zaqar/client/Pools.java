package org.zaqar.client;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** Storage pools ({@code /v2/pools}): admin only, on a server with {@code admin_mode} and {@code pooling}. */
public final class Pools {
    private final Transport transport;

    Pools(Transport transport) {
        this.transport = transport;
    }

    private static String path(String name) {
        return "/v2/pools/" + Transport.segment(name);
    }

    /**
     * Registers (or replaces) a pool; the server accepts it only when its store answers.
     *
     * @param flavor  the flavor it serves, or null
     * @param options store options, may be empty
     */
    public void create(String name, String uri, int weight, String flavor, Map<String, Object> options) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("uri", uri);
        body.put("weight", weight);
        if (flavor != null) {
            body.put("flavor", flavor);
        }
        body.put("options", options);
        transport.send(Transport.Request.of("PUT", path(name)).body(body));
    }

    /**
     * A page of pools in name order.
     *
     * @param marker   from {@link Page#nextMarker()}, or null
     * @param limit    at most this many (the server's default is 10), or null
     * @param detailed include each pool's options
     */
    public Page<Pool> list(String marker, Integer limit, boolean detailed) {
        JsonNode body = transport.send(Transport.Request.of("GET", "/v2/pools").query("marker", marker)
                .query("limit", limit).query("detailed", detailed ? "true" : null)).json();
        return new Page<>(Json.list(body.get("pools"), Pool::from), Page.nextMarker(body));
    }

    /** A pool with its options. */
    public Pool get(String name) {
        return Pool.from(transport.send(Transport.Request.of("GET", path(name)).query("detailed", "true")).json());
    }

    /** Changes any of {@code uri}, {@code weight}, {@code flavor} and {@code options}, and returns the pool after. */
    public Pool update(String name, Map<String, Object> changes) {
        return Pool.from(transport.send(Transport.Request.of("PATCH", path(name)).body(changes)).json());
    }

    /** Unregisters a pool; the server refuses (403) while a flavor lists it. */
    public void delete(String name) {
        transport.send(Transport.Request.of("DELETE", path(name)));
    }
}
