package org.zaqar.client;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Subscriptions of queues ({@code /v2/queues/NAME/subscriptions}) or of topics
 * ({@code /v2/topics/NAME/subscriptions}).
 */
public final class Subscriptions {
    private final Transport transport;
    private final String collection;

    Subscriptions(Transport transport, String collection) {
        this.transport = transport;
        this.collection = collection;
    }

    private String path(String source) {
        return "/v2/" + collection + "/" + Transport.segment(source) + "/subscriptions";
    }

    /**
     * Subscribes {@code subscriber} to the source's new messages for {@code ttl} seconds and returns
     * the subscription id (the existing one's when the same subscriber is subscribed already).
     *
     * @param options e.g. {@code _retry_policy}, or a webhook's {@code post_data}; may be empty
     */
    public String create(String source, String subscriber, int ttl, Map<String, Object> options) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subscriber", subscriber);
        body.put("ttl", ttl);
        body.put("options", options);
        return Json.text(transport.send(Transport.Request.of("POST", path(source)).body(body)).json(),
                "subscription_id");
    }

    /**
     * A page of a source's subscriptions.
     *
     * @param marker from {@link Page#nextMarker()}, or null
     * @param limit  at most this many (the server's default is 10), or null
     */
    public Page<Subscription> list(String source, String marker, Integer limit) {
        var body = transport.send(Transport.Request.of("GET", path(source)).query("marker", marker)
                .query("limit", limit)).json();
        return new Page<>(Json.list(body.get("subscriptions"), Subscription::from), Page.nextMarker(body));
    }

    /** A subscription; a ZaqarException with status 404 when it does not exist or expired. */
    public Subscription get(String source, String subscriptionId) {
        return Subscription.from(transport.send(Transport.Request.of("GET", path(source) + "/"
                + Transport.segment(subscriptionId))).json());
    }

    /** Changes any of {@code subscriber}, {@code ttl} and {@code options}. */
    public void update(String source, String subscriptionId, Map<String, Object> changes) {
        transport.send(Transport.Request.of("PATCH", path(source) + "/" + Transport.segment(subscriptionId))
                .body(changes));
    }

    /** Deletes a subscription; deleting a missing one succeeds too. */
    public void delete(String source, String subscriptionId) {
        transport.send(Transport.Request.of("DELETE", path(source) + "/" + Transport.segment(subscriptionId)));
    }

    /** Confirms (or, with false, unconfirms) a subscription, as its subscriber does when the server asks it to. */
    public void confirm(String source, String subscriptionId, boolean confirmed) {
        transport.send(Transport.Request.of("PUT", path(source) + "/" + Transport.segment(subscriptionId) + "/confirm")
                .body(Map.of("confirmed", confirmed)));
    }
}
