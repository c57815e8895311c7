package org.zaqar.client;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Queues ({@code /v2/queues}) or topics ({@code /v2/topics}): both have the same operations,
 * except that only queues can be shared (topics answer {@link #share} with 404).
 */
public final class Queues {
    private static final String PATCH_TYPE = "application/openstack-messaging-v2.0-json-patch";
    private static final DateTimeFormatter EXPIRES = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private final Transport transport;
    private final String collection;

    Queues(Transport transport, String collection) {
        this.transport = transport;
        this.collection = collection;
    }

    private String path(String name) {
        return "/v2/" + collection + "/" + Transport.segment(name);
    }

    /** Creates a queue without metadata; true when it was created, false when it existed already. */
    public boolean create(String name) {
        return create(name, Map.of());
    }

    /**
     * Creates a queue with metadata (e.g. {@code _default_message_ttl}, {@code _max_messages_post_size},
     * {@code _dead_letter_queue}); true when it was created, false when it existed already (its
     * metadata is then left as it was).
     */
    public boolean create(String name, Map<String, Object> metadata) {
        return transport.send(Transport.Request.of("PUT", path(name)).body(metadata)).status() == 201;
    }

    /** The first page of queues, names only. */
    public Page<QueueSummary> list() {
        return list(null, null, false);
    }

    /**
     * A page of queues in name order.
     *
     * @param marker   start after this queue name (from {@link Page#nextMarker()}), or null
     * @param limit    at most this many (the server's default is 10), or null
     * @param detailed include each queue's metadata
     */
    public Page<QueueSummary> list(String marker, Integer limit, boolean detailed) {
        JsonNode body = transport.send(Transport.Request.of("GET", "/v2/" + collection)
                .query("marker", marker).query("limit", limit).query("detailed", detailed ? "true" : null)).json();
        return new Page<>(Json.list(body.get(collection), QueueSummary::from), Page.nextMarker(body));
    }

    /** A queue's metadata; a queue that was never created has none (Zaqar queues exist lazily). */
    public Map<String, Object> metadata(String name) {
        return Json.map(transport.send(Transport.Request.of("GET", path(name))).json());
    }

    /** Applies the changes to a queue's metadata in one JSON patch, and returns the metadata after them. */
    public Map<String, Object> updateMetadata(String name, List<MetadataChange> changes) {
        List<Map<String, Object>> patch = changes.stream().map(MetadataChange::toPatch).toList();
        return Json.map(transport.send(Transport.Request.of("PATCH", path(name)).body(patch, PATCH_TYPE)).json());
    }

    /** Deletes a queue with its messages, claims and subscriptions; deleting a missing queue succeeds too. */
    public void delete(String name) {
        transport.send(Transport.Request.of("DELETE", path(name)));
    }

    /** How many messages the queue holds; all zero for a queue never created. */
    public QueueStats stats(String name) {
        return QueueStats.from(transport.send(Transport.Request.of("GET", path(name) + "/stats")).json());
    }

    /**
     * Deletes a queue's messages and subscriptions but keeps the queue and its metadata.
     *
     * @param resourceTypes "messages" and/or "subscriptions"; none means both
     */
    public void purge(String name, String... resourceTypes) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (resourceTypes.length > 0) {
            body.put("resource_types", List.of(resourceTypes));
        }
        transport.send(Transport.Request.of("POST", path(name) + "/purge").body(body));
    }

    /**
     * Creates a pre-signed URL for a queue (needs {@code [signed_url] secret_key} on the server).
     *
     * @param paths   any of "messages", "subscriptions", "claims"; empty for "messages"
     * @param methods HTTP methods allowed; empty for GET only
     * @param expires when it stops working, or null for a day from now
     */
    public SignedUrl share(String name, List<String> paths, List<String> methods, Instant expires) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (!paths.isEmpty()) {
            body.put("paths", paths);
        }
        if (!methods.isEmpty()) {
            body.put("methods", methods);
        }
        if (expires != null) {
            body.put("expires", EXPIRES.format(expires));
        }
        return SignedUrl.from(transport.send(Transport.Request.of("POST", path(name) + "/share").body(body)).json());
    }
}
