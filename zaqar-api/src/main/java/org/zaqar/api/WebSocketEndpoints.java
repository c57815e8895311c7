package org.zaqar.api;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.zaqar.core.error.ErrorCode;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.core.model.Claim;
import org.zaqar.core.model.Message;
import org.zaqar.core.model.Page;
import org.zaqar.core.model.QueueInfo;
import org.zaqar.core.model.QueueListQuery;
import org.zaqar.core.model.RequestContext;
import org.zaqar.core.model.Subscription;
import org.zaqar.core.storage.MessageStorage;
import org.zaqar.core.validation.Validator;

/**
 * The WebSocket actions ({@code zaqar/api/v2/endpoints.py}): each runs the same operation as
 * its HTTP route and answers with upstream's WebSocket status and body.
 */
final class WebSocketEndpoints {
    /** A status and body to answer with. */
    record Reply(int status, JsonNode body) {
        static Reply of(int status, String text) {
            return new Reply(status, TextNode.valueOf(text));
        }
    }

    private final ApiResources resources;
    private final MessageStorage storage;
    private final InstantSource clock;
    /** Where the notification server receives what is meant for a connection; the session id is appended. */
    private final String notificationUrl;

    WebSocketEndpoints(ApiResources resources, MessageStorage storage, InstantSource clock, String notificationUrl) {
        this.resources = resources;
        this.storage = storage;
        this.clock = clock;
        this.notificationUrl = notificationUrl;
    }

    Reply handle(WebSocketAction action, RequestContext request, JsonNode body, WebSocketSession session) {
        String queue = body.path("queue_name").asText(null);
        return switch (action) {
            case AUTHENTICATE -> throw new IllegalStateException("authenticate is not an endpoint");
            case QUEUE_LIST -> queueList(request, body);
            case QUEUE_CREATE -> queueCreate(request, queue, body);
            case QUEUE_DELETE -> {
                storage.queues().delete(request.projectId(), queue);
                yield Reply.of(204, "Queue " + queue + " removed.");
            }
            case QUEUE_GET -> new Reply(200, Json.MAPPER.valueToTree(
                    storage.queues().get(request.projectId(), queue)));
            case QUEUE_GET_STATS -> queueStats(request, queue);
            case QUEUE_PURGE -> {
                Set<String> types = body.has("resource_types")
                        ? validator().queuePurging(body) : Validator.PURGEABLE_RESOURCE_TYPES;
                resources.queues().purge(request, queue, types);
                yield new Reply(204, Json.MAPPER.createObjectNode());
            }
            case MESSAGE_LIST -> {
                Boolean includeDelayed = resources.messages().includeDelayed(request, queue, bool(body, "include_delayed"));
                Page<Message> page = resources.messages().list(request, queue, body.path("marker").asText(null),
                        integer(body, "limit"), bool(body, "echo"), bool(body, "include_claimed"), includeDelayed);
                yield messages(200, page.items());
            }
            case MESSAGE_GET -> {
                Message message = resources.messages().get(request, queue, body.path("message_id").asText());
                ObjectNode reply = Json.MAPPER.createObjectNode();
                reply.set("messages", formatted(message, null));
                yield new Reply(200, reply);
            }
            case MESSAGE_GET_MANY -> messages(200, resources.messages().bulkGet(request, queue,
                    strings(body.get("message_ids"))));
            case MESSAGE_POST -> {
                JsonNode posted = body.get("messages");
                List<String> ids = resources.messages().post(request, queue, (long) Json.text(posted).length(),
                        () -> posted);
                ObjectNode reply = Json.MAPPER.createObjectNode();
                ids.forEach(reply.putArray("message_ids")::add);
                yield new Reply(201, reply);
            }
            case MESSAGE_DELETE -> {
                MessageResource.delete(storage, request, queue, body.path("message_id").asText(),
                        body.path("claim_id").asText(null));
                yield new Reply(204, Json.MAPPER.createObjectNode());
            }
            case MESSAGE_DELETE_MANY -> messageDeleteMany(request, queue, body);
            case CLAIM_CREATE -> claimCreate(request, queue, body);
            case CLAIM_GET -> claimGet(request, queue, body.path("claim_id").asText());
            case CLAIM_UPDATE -> {
                String claimId = body.path("claim_id").asText();
                resources.claims().update(request, queue, claimId, body);
                yield Reply.of(204, "Claim " + claimId + " updated.");
            }
            case CLAIM_DELETE -> {
                String claimId = body.path("claim_id").asText();
                resources.claims().delete(request, queue, claimId);
                yield Reply.of(204, "Claim " + claimId + " deleted.");
            }
            case SUBSCRIPTION_LIST -> {
                ObjectNode reply = Json.MAPPER.createObjectNode();
                ArrayNode items = reply.putArray("subscriptions");
                resources.subscriptions().list(request, queue, null, null).items()
                        .forEach(s -> items.add(resources.subscriptions().view(s)));
                yield new Reply(200, reply);
            }
            case SUBSCRIPTION_CREATE -> subscriptionCreate(request, queue, body, session);
            case SUBSCRIPTION_DELETE -> {
                String id = body.path("subscription_id").asText();
                resources.subscriptions().delete(request, queue, id);
                yield Reply.of(204, "Subscription " + id + " removed.");
            }
            case SUBSCRIPTION_GET -> new Reply(200, resources.subscriptions().view(
                    resources.subscriptions().get(request, queue, body.path("subscription_id").asText())));
        };
    }

    private Validator validator() {
        return resources.validator();
    }

    private Reply queueList(RequestContext request, JsonNode body) {
        Integer limit = integer(body, "limit");
        boolean detailed = Boolean.TRUE.equals(bool(body, "detailed"));
        validator().queueListing(limit);
        Page<QueueInfo> page = storage.queues().list(request.projectId(), new QueueListQuery(
                body.path("marker").asText(null), limit == null ? QueueResource.DEFAULT_QUEUES_PER_PAGE : limit,
                detailed, null, Map.of()));
        ObjectNode reply = Json.MAPPER.createObjectNode();
        ArrayNode queues = reply.putArray("queues");
        for (QueueInfo info : page.items()) {
            ObjectNode item = queues.addObject().put("name", info.name());
            if (detailed) {
                item.set("metadata", Json.MAPPER.valueToTree(info.metadata() == null ? Map.of() : info.metadata()));
            }
        }
        return new Reply(200, reply);
    }

    private Reply queueCreate(RequestContext request, String queue, JsonNode body) {
        JsonNode metadata = body.has("metadata") ? body.get("metadata") : Json.MAPPER.createObjectNode();
        validator().queueMetadataLength(Json.text(metadata).length());
        boolean created = QueueResource.create(validator(), storage, request, queue, Json.toMap(metadata));
        return Reply.of(created ? 201 : 204, "Queue " + queue + " created.");
    }

    private Reply queueStats(RequestContext request, String queue) {
        try {
            return new Reply(200, resources.queues().stats(request, queue));
        } catch (ZaqarException e) {
            if (e.code() != ErrorCode.QUEUE_DOES_NOT_EXIST && e.code() != ErrorCode.QUEUE_IS_EMPTY) {
                throw e;
            }
            return new Reply(404, QueueResource.emptyStats());
        }
    }

    private Reply messageDeleteMany(RequestContext request, String queue, JsonNode body) {
        List<String> ids = body.has("message_ids") ? strings(body.get("message_ids")) : null;
        List<String> claimIds = body.has("claim_ids") ? strings(body.get("claim_ids")) : null;
        List<Message> popped = resources.messages().deleteMany(request, queue, ids == null || ids.isEmpty()
                ? null : ids, integer(body, "pop"), claimIds);
        if (popped == null) {
            return new Reply(204, Json.MAPPER.createObjectNode());
        }
        Instant now = clock.instant();
        ObjectNode reply = Json.MAPPER.createObjectNode();
        ArrayNode messages = reply.putArray("messages");
        popped.forEach(m -> messages.add(Views.popped(m, now)));
        return new Reply(200, reply);
    }

    private Reply claimCreate(RequestContext request, String queue, JsonNode body) {
        Claim claim = resources.claims().create(request, queue, body, integer(body, "limit"));
        ObjectNode reply = Json.MAPPER.createObjectNode();
        reply.put("claim_id", claim.id());
        if (claim.messages().isEmpty()) {
            return new Reply(204, reply);
        }
        ArrayNode messages = reply.putArray("messages");
        claim.messages().forEach(m -> messages.add(formatted(m, claim.id())));
        return new Reply(201, reply);
    }

    private Reply claimGet(RequestContext request, String queue, String claimId) {
        Claim claim = resources.claims().get(request, queue, claimId);
        ObjectNode reply = Json.MAPPER.createObjectNode();
        reply.put("age", claim.ageSeconds(clock.instant()));
        reply.put("ttl", claim.ttl());
        ArrayNode messages = reply.putArray("messages");
        claim.messages().forEach(m -> messages.add(formatted(m, claimId)));
        return new Reply(200, reply);
    }

    /**
     * Without a subscriber the connection itself subscribes, as upstream: notifications are posted
     * to the notification server at this connection's URL and pushed into the socket.
     */
    private Reply subscriptionCreate(RequestContext request, String queue, JsonNode body, WebSocketSession session) {
        String subscriber = body.path("subscriber").asText("");
        boolean toThisConnection = subscriber.isEmpty();
        if (toThisConnection) {
            if (notificationUrl == null) {
                throw new ApiError(503, "Service Unavailable", "The notification server is not running.");
            }
            subscriber = notificationUrl + session.id;
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("subscriber", subscriber);
        document.put("ttl", body.has("ttl") ? body.get("ttl").numberValue()
                : validator().limits().defaultSubscriptionTtl());
        document.put("options", Json.toMap(body.has("options") ? body.get("options") : Json.MAPPER.createObjectNode()));
        Subscription subscription = resources.subscriptions().create(request, session.identity(), queue, document,
                Views.queuePath(queue) + "/subscriptions");
        if (toThisConnection) {
            session.subscribed(new WebSocketSession.Subscribed(request, queue, subscription.id()));
        }
        ObjectNode reply = Json.MAPPER.createObjectNode();
        reply.put("subscription_id", subscription.id());
        reply.put("message", "Subscription " + queue + " created.");
        return new Reply(201, reply);
    }

    /** Removes the subscriptions of a closed connection, as upstream's {@code clean_subscriptions}. */
    void unsubscribe(WebSocketSession session) {
        for (WebSocketSession.Subscribed subscription : session.subscriptions()) {
            try {
                resources.subscriptions().delete(subscription.request(), subscription.queue(),
                        subscription.subscriptionId());
            } catch (ZaqarException e) {
                // The queue or the subscription went away meanwhile: nothing left to remove.
            }
        }
    }

    /** Upstream's {@code format_message}: the message as the WebSocket API shows it. */
    private ObjectNode formatted(Message message, String claimId) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("id", message.id());
        node.put("claim_id", claimId);
        node.put("ttl", message.ttl());
        node.put("age", message.ageSeconds(clock.instant()));
        node.set("body", Json.readStored(message.body()));
        return node;
    }

    private Reply messages(int status, List<Message> messages) {
        ObjectNode reply = Json.MAPPER.createObjectNode();
        ArrayNode items = reply.putArray("messages");
        messages.forEach(m -> items.add(formatted(m, null)));
        return new Reply(status, reply);
    }

    /** An integer field; values beyond the int range are clamped so range checks still reject them. */
    private static Integer integer(JsonNode body, String name) {
        JsonNode value = body.get(name);
        if (value == null || !value.isIntegralNumber()) {
            return null;
        }
        return value.canConvertToInt() ? value.intValue() : value.bigIntegerValue().signum() < 0
                ? Integer.MIN_VALUE : Integer.MAX_VALUE;
    }

    private static Boolean bool(JsonNode body, String name) {
        JsonNode value = body.get(name);
        return value != null && value.isBoolean() ? value.booleanValue() : null;
    }

    private static List<String> strings(JsonNode array) {
        List<String> items = new ArrayList<>();
        array.forEach(item -> items.add(item.isTextual() ? item.textValue() : item.toString()));
        return items;
    }
}
