package org.zaqar.client;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** Flavors ({@code /v2/flavors}): admin only, on a server with {@code admin_mode} and {@code pooling}. */
public final class Flavors {
    private final Transport transport;

    Flavors(Transport transport) {
        this.transport = transport;
    }

    private static String path(String name) {
        return "/v2/flavors/" + Transport.segment(name);
    }

    /** Creates (or replaces) a flavor made of the named pools. */
    public void create(String name, List<String> pools) {
        transport.send(Transport.Request.of("PUT", path(name)).body(Map.of("pool_list", pools)));
    }

    /**
     * A page of flavors in name order.
     *
     * @param marker from {@link Page#nextMarker()}, or null
     * @param limit  at most this many (the server's default is 10), or null
     */
    public Page<Flavor> list(String marker, Integer limit) {
        JsonNode body = transport.send(Transport.Request.of("GET", "/v2/flavors").query("marker", marker)
                .query("limit", limit).query("detailed", "true")).json();
        return new Page<>(Json.list(body.get("flavors"), Flavor::from), Page.nextMarker(body));
    }

    /** A flavor; a ZaqarException with status 404 when there is none of that name. */
    public Flavor get(String name) {
        return Flavor.from(transport.send(Transport.Request.of("GET", path(name))).json());
    }

    /** Replaces the flavor's pool list, and returns the flavor after. */
    public Flavor update(String name, List<String> pools) {
        return Flavor.from(transport.send(Transport.Request.of("PATCH", path(name)).body(Map.of("pool_list", pools)))
                .json());
    }

    /** Deletes a flavor; its pools stay. */
    public void delete(String name) {
        transport.send(Transport.Request.of("DELETE", path(name)));
    }
}
