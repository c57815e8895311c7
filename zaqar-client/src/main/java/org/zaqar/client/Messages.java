package org.zaqar.client;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** The messages of queues ({@code /v2/queues/NAME/messages}) or of topics ({@code /v2/topics/NAME/messages}). */
public final class Messages {
    private final Transport transport;
    private final String collection;

    Messages(Transport transport, String collection) {
        this.transport = transport;
        this.collection = collection;
    }

    private String path(String queue) {
        return "/v2/" + collection + "/" + Transport.segment(queue) + "/messages";
    }

    /**
     * Posts messages in one request (all or none are stored) and returns their ids in order.
     * Not retried unless the client's {@link RetryPolicy#retryPosts()} says so: see there why.
     */
    public List<String> post(String queue, List<NewMessage> messages) {
        List<Object> items = messages.stream().<Object>map(NewMessage::toJson).toList();
        JsonNode body = transport.send(Transport.Request.of("POST", path(queue))
                .body(Map.of("messages", items))).json();
        return Json.list(body.get("resources"), href -> {
            String text = href.asText();
            return text.substring(text.lastIndexOf('/') + 1);
        });
    }

    /** A page of messages, oldest first. */
    public Page<Message> list(String queue, MessageQuery query) {
        JsonNode body = transport.send(Transport.Request.of("GET", path(queue))
                .query("echo", query.echo() ? "true" : null)
                .query("include_claimed", query.includeClaimed() ? "true" : null)
                .query("marker", query.marker()).query("limit", query.limit())).json();
        return new Page<>(Json.list(body.get("messages"), Message::from), Page.nextMarker(body));
    }

    /** One message, claimed or not; a ZaqarException with status 404 when it does not exist. */
    public Message get(String queue, String messageId) {
        String path = path(queue) + "/" + Transport.segment(messageId);
        return Message.from(transport.send(Transport.Request.of("GET", path)).json());
    }

    /** The messages of these ids that exist (404 when none does). */
    public List<Message> get(String queue, List<String> messageIds) {
        JsonNode body = transport.send(Transport.Request.of("GET", path(queue))
                .query("ids", String.join(",", messageIds))).json();
        return Json.list(body.get("messages"), Message::from);
    }

    /** Deletes an unclaimed message (a claimed one needs its claim id); a missing message is no error. */
    public void delete(String queue, String messageId) {
        delete(queue, messageId, null);
    }

    /** Deletes a message under the claim {@code claimId} (null for an unclaimed message). */
    public void delete(String queue, String messageId, String claimId) {
        transport.send(Transport.Request.of("DELETE", path(queue) + "/" + Transport.segment(messageId))
                .query("claim_id", claimId));
    }

    /** Deletes the messages of these ids (unclaimed ones, unless the server deletes claimed ones too). */
    public void delete(String queue, List<String> messageIds) {
        transport.send(Transport.Request.of("DELETE", path(queue)).query("ids", String.join(",", messageIds)));
    }

    /** Deletes up to {@code count} unclaimed messages, oldest first, and returns them. */
    public List<Message> pop(String queue, int count) {
        JsonNode body = transport.send(Transport.Request.of("DELETE", path(queue)).query("pop", count)
                .notRepeatable()).json();
        return Json.list(body.get("messages"), Message::from);
    }
}
