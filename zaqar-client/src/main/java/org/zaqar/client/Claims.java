package org.zaqar.client;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Claims on a queue's messages ({@code /v2/queues/NAME/claims}). */
public final class Claims {
    private final Transport transport;

    Claims(Transport transport) {
        this.transport = transport;
    }

    private static String path(String queue) {
        return "/v2/queues/" + Transport.segment(queue) + "/claims";
    }

    /**
     * Claims up to {@code limit} unclaimed messages for {@code ttl} seconds; empty when there are none.
     * A claimed message lives at least {@code ttl + grace} seconds, so that it outlives the claim.
     * Not retried unless the client's {@link RetryPolicy#retryPosts()} says so: a retry after a lost
     * answer claims another batch, and the first one stays hidden until its ttl runs out.
     *
     * @param limit at most this many messages (the server's default is 10), or null
     */
    public Optional<Claim> create(String queue, int ttl, int grace, Integer limit) {
        Transport.Response response = transport.send(Transport.Request.of("POST", path(queue))
                .query("limit", limit).body(ttlAndGrace(ttl, grace)));
        if (response.status() == 204) {
            return Optional.empty();
        }
        String location = response.headers().firstValue("Location").orElseThrow(
                () -> new ZaqarException("POST " + path(queue), response.status(), null,
                        "the claim came without a Location header", null, null));
        String id = location.substring(location.lastIndexOf('/') + 1);
        return Optional.of(new Claim(id, ttl, 0, Json.list(response.json().get("messages"), Message::from)));
    }

    /** A claim with the messages it still holds; a ZaqarException with status 404 once it expired or was released. */
    public Claim get(String queue, String claimId) {
        return Claim.from(claimId, transport.send(Transport.Request.of("GET", path(queue) + "/"
                + Transport.segment(claimId))).json());
    }

    /** Renews a claim: it lasts {@code ttl} seconds from now, and its messages at least {@code ttl + grace}. */
    public void renew(String queue, String claimId, int ttl, int grace) {
        transport.send(Transport.Request.of("PATCH", path(queue) + "/" + Transport.segment(claimId))
                .body(ttlAndGrace(ttl, grace)));
    }

    /** Releases a claim: its messages not yet deleted are free to be claimed again. */
    public void release(String queue, String claimId) {
        transport.send(Transport.Request.of("DELETE", path(queue) + "/" + Transport.segment(claimId)));
    }

    private static Map<String, Object> ttlAndGrace(int ttl, int grace) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ttl", ttl);
        body.put("grace", grace);
        return body;
    }
}
