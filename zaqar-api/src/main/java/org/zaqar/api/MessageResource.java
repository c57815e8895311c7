package org.zaqar.api;

import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import org.zaqar.core.error.ErrorCode;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.core.message.Checksum;
import org.zaqar.core.model.Message;
import org.zaqar.core.model.MessageListQuery;
import org.zaqar.core.model.NewMessage;
import org.zaqar.core.model.Page;
import org.zaqar.core.model.RequestContext;
import org.zaqar.core.model.ReservedMetadata;
import org.zaqar.core.storage.MessageStorage;
import org.zaqar.core.validation.Validator;

/** {@code /v2/queues/{queue}/messages} and one message (upstream's v2_0/messages.py). */
final class MessageResource {
    /** Upstream storage's page size when the client gives no limit. */
    static final int DEFAULT_MESSAGES_PER_PAGE = 10;

    private final Validator validator;
    private final MessageStorage storage;
    private final InstantSource clock;
    private final boolean enableChecksum;
    private final SealedBodies bodies;
    /** "queues", or "topics" when {@code storage} is a {@link TopicView}. */
    private final String collection;

    MessageResource(Validator validator, MessageStorage storage, InstantSource clock, boolean enableChecksum,
                    SealedBodies bodies) {
        this(validator, storage, clock, enableChecksum, bodies, "queues");
    }

    MessageResource(Validator validator, MessageStorage storage, InstantSource clock, boolean enableChecksum,
                    SealedBodies bodies, String collection) {
        this.validator = validator;
        this.storage = storage;
        this.clock = clock;
        this.enableChecksum = enableChecksum;
        this.bodies = bodies;
        this.collection = collection;
    }

    void register(Routes routes) {
        String messages = "/v2/" + collection + "/{queue_name}/messages";
        routes.add(POST, messages, "Messages could not be enqueued.", this::post);
        routes.add(GET, messages, "Messages could not be listed.", this::list);
        routes.add(DELETE, messages, "Messages could not be deleted.", this::bulkDelete);
        routes.add(GET, messages + "/{message_id}", "Message could not be retrieved.", this::get);
        routes.add(DELETE, messages + "/{message_id}", "Message could not be deleted.", this::delete);
    }

    private static String queue(Context ctx) {
        return ctx.pathParam(RequestGuard.QUEUE_NAME);
    }

    /** The queue's metadata; an empty map when the queue does not exist. */
    private Map<String, Object> metadataOrEmpty(String project, String queue) {
        try {
            return storage.queues().getMetadata(project, queue);
        } catch (ZaqarException e) {
            if (e.code() == ErrorCode.QUEUE_DOES_NOT_EXIST) {
                return Map.of();
            }
            throw e;
        }
    }

    private static Long queueInt(Map<String, Object> metadata, String key) {
        Object value = metadata.get(key);
        return value instanceof Number number && number.longValue() != 0 ? number.longValue() : null;
    }

    /** Posts in a loop: the metadata the messages were built from may have changed meanwhile, or the queue gone. */
    private void post(Context ctx, RequestContext request) {
        String project = request.projectId();
        String queue = queue(ctx);
        List<String> ids;
        for (int attempt = 1; ; attempt++) {
            try {
                ids = postOnce(ctx, request, project, queue);
                break;
            } catch (ZaqarException e) {
                boolean stale = e.code() == ErrorCode.QUEUE_METADATA_CHANGED || e.code() == ErrorCode.QUEUE_DOES_NOT_EXIST;
                if (!stale || attempt == 3) {
                    throw e;
                }
            }
        }
        String path = Views.path(collection, queue) + "/messages";
        ctx.header("Location", path + "?ids=" + String.join(",", ids));
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode resources = body.putArray("resources");
        ids.forEach(id -> resources.add(path + "/" + id));
        ctx.status(201);
        Json.write(ctx, body);
    }

    private List<String> postOnce(Context ctx, RequestContext request, String project, String queue) {
        Map<String, Object> metadata;
        try {
            metadata = storage.queues().metadataForPosting(project, queue);
        } catch (ZaqarException e) {
            if (e.code() != ErrorCode.QUEUE_DOES_NOT_EXIST) {
                throw e;
            }
            // Queues are created lazily by their first message, without metadata.
            storage.queues().create(project, queue, Map.of());
            metadata = Map.of();
        }
        Long queueTtl = queueInt(metadata, ReservedMetadata.DEFAULT_MESSAGE_TTL);
        Long queueDelay = queueInt(metadata, ReservedMetadata.DEFAULT_MESSAGE_DELAY);
        if (Json.hasContentLength(ctx)) {
            validator.messageLength(Json.contentLength(ctx), metadata.get(ReservedMetadata.MAX_MESSAGES_POST_SIZE));
        }
        JsonNode document = Json.readBody(ctx);
        if (!document.isObject() || !document.has("messages")) {
            throw ApiError.badRequest("No messages were found in the request body.");
        }
        JsonNode posted = document.get("messages");
        if (!posted.isArray()) {
            throw Json.documentTypeNotSupported();
        }
        long defaultTtl = queueTtl != null ? queueTtl : validator.limits().defaultMessageTtl();
        List<long[]> timings = new ArrayList<>();
        List<JsonNode> bodies = new ArrayList<>();
        for (JsonNode message : posted) {
            Json.requireObject(message);
            long ttl = Json.checkedInt(message, "ttl", defaultTtl);
            bodies.add(Json.requiredField(message, "body"));
            // As upstream: a message's own delay counts only when the queue sets a default delay.
            long delay = queueDelay != null ? Json.checkedInt(message, "delay", queueDelay) : 0;
            timings.add(new long[] {ttl, delay});
        }
        validator.messagePosting(bodies.size());
        timings.forEach(t -> validator.messageContent(t[0], t[1]));

        List<NewMessage> messages = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            JsonNode body = bodies.get(i);
            messages.add(new NewMessage(this.bodies.seal(project, queue, metadata, Json.text(body)), (int) timings.get(i)[0], (int) timings.get(i)[1],
                    enableChecksum ? Checksum.of(body) : null));
        }
        return storage.messages().post(project, queue, messages, request.clientId());
    }

    private void list(Context ctx, RequestContext request) {
        List<String> ids = Params.list(ctx, "ids");
        if (ids != null) {
            listByIds(ctx, request, ids);
            return;
        }
        String project = request.projectId();
        String queue = queue(ctx);
        String marker = Params.string(ctx, "marker");
        Integer limit = Params.integer(ctx, "limit");
        Boolean echo = Params.bool(ctx, "echo");
        Boolean includeClaimed = Params.bool(ctx, "include_claimed");
        Boolean includeDelayed = Params.bool(ctx, "include_delayed");
        if (queueInt(metadataOrEmpty(project, queue), ReservedMetadata.DEFAULT_MESSAGE_DELAY) == null) {
            // As upstream: without a queue default delay, delayed messages are not filtered out.
            includeDelayed = true;
        }
        validator.messageListing(limit);
        Page<Message> page = storage.messages().list(project, queue, new MessageListQuery(marker,
                limit == null ? DEFAULT_MESSAGES_PER_PAGE : limit, Boolean.TRUE.equals(echo), request.clientId(),
                Boolean.TRUE.equals(includeClaimed), Boolean.TRUE.equals(includeDelayed)));

        Instant now = clock.instant();
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode messages = body.putArray("messages");
        page.items().forEach(m -> messages.add(Views.message(bodies.open(project, queue, m), collection, queue,
                m.claimId(), now)));
        ArrayNode links = body.putArray("links");
        if (!page.items().isEmpty()) {
            QueryString next = new QueryString().putIfPresent("marker", marker).putIfPresent("limit", limit)
                    .putIfPresent("echo", echo).putIfPresent("include_claimed", includeClaimed)
                    .putIfPresent("include_delayed", includeDelayed).put("marker", page.nextMarker());
            links.addObject().put("rel", "next").put("href", Views.path(collection, queue) + "/messages" + next);
        }
        Json.write(ctx, body);
    }

    private void listByIds(Context ctx, RequestContext request, List<String> ids) {
        validator.messageListing(ids.size());
        String queue = queue(ctx);
        List<Message> found = storage.messages().bulkGet(request.projectId(), queue, ids);
        if (found.isEmpty()) {
            throw ApiError.notFound("No messages with IDs: " + pythonList(ids) + " found in the queue " + queue
                    + " for project " + request.projectId() + ".");
        }
        Instant now = clock.instant();
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode messages = body.putArray("messages");
        found.forEach(m -> messages.add(Views.message(bodies.open(request.projectId(), queue, m), collection, queue,
                m.claimId(), now)));
        Json.write(ctx, body);
    }

    private static String pythonList(List<String> items) {
        return items.stream().map(item -> "'" + item + "'").collect(Collectors.joining(", ", "[", "]"));
    }

    private void bulkDelete(Context ctx, RequestContext request) {
        List<String> ids = Params.list(ctx, "ids");
        List<String> claimIds = validator.limits().messageDeleteWithClaimId() ? Params.list(ctx, "claim_ids") : null;
        Integer pop = Params.integer(ctx, "pop");
        validator.messageDeletion(ids, pop, claimIds);
        if (ids != null) {
            storage.messages().bulkDelete(request.projectId(), queue(ctx), ids, claimIds);
            ctx.status(204);
            return;
        }
        Instant now = clock.instant();
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode messages = body.putArray("messages");
        storage.messages().pop(request.projectId(), queue(ctx), pop)
                .forEach(m -> messages.add(Views.popped(bodies.open(request.projectId(), queue(ctx), m), now)));
        Json.write(ctx, body);
    }

    private void get(Context ctx, RequestContext request) {
        String queue = queue(ctx);
        Message message = bodies.open(request.projectId(), queue,
                storage.messages().get(request.projectId(), queue, ctx.pathParam("message_id")));
        Json.write(ctx, Views.message(message, collection, queue, message.claimId(), clock.instant()));
    }

    private void delete(Context ctx, RequestContext request) {
        delete(storage, ctx, request);
    }

    /** DELETE of one message, with its claim id when claimed; the older APIs delete the same way. */
    static void delete(MessageStorage storage, Context ctx, RequestContext request) {
        try {
            storage.messages().delete(request.projectId(), queue(ctx), ctx.pathParam("message_id"),
                    Params.string(ctx, "claim_id"));
        } catch (ZaqarException e) {
            if (e.code() == ErrorCode.CLAIM_DOES_NOT_EXIST) {
                throw new ApiError(400, "Unable to delete", "The specified claim does not exist or has expired.");
            }
            throw e;
        }
        ctx.status(204);
    }
}
