package org.zaqar.api;

import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
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
    /** "queues", or "topics" when {@code storage} is a {@link TopicView}. */
    private final String collection;

    MessageResource(Validator validator, MessageStorage storage, InstantSource clock, boolean enableChecksum) {
        this(validator, storage, clock, enableChecksum, "queues");
    }

    MessageResource(Validator validator, MessageStorage storage, InstantSource clock, boolean enableChecksum,
                    String collection) {
        this.validator = validator;
        this.storage = storage;
        this.clock = clock;
        this.enableChecksum = enableChecksum;
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

    private void post(Context ctx, RequestContext request) {
        String queue = queue(ctx);
        List<String> ids = post(request, queue, Json.hasContentLength(ctx) ? Json.contentLength(ctx) : null, () -> {
            JsonNode document = Json.readBody(ctx);
            if (!document.isObject() || !document.has("messages")) {
                throw ApiError.badRequest("No messages were found in the request body.");
            }
            return document.get("messages");
        });
        String path = Views.path(collection, queue) + "/messages";
        ctx.header("Location", path + "?ids=" + String.join(",", ids));
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode resources = body.putArray("resources");
        ids.forEach(id -> resources.add(path + "/" + id));
        ctx.status(201);
        Json.write(ctx, body);
    }

    /**
     * Posts messages to a queue, creating the queue on first use; the queue's default TTL and
     * delay apply, bodies are sealed when the queue asks for it. Posts in a loop: the metadata the
     * messages were built from may have changed meanwhile, or the queue gone.
     *
     * @param length   the size of the request when known, checked before {@code messages} is read
     * @param messages reads the JSON array of messages
     * @return the new message ids, in order
     */
    List<String> post(RequestContext request, String queue, Long length, Supplier<JsonNode> messages) {
        for (int attempt = 1; ; attempt++) {
            try {
                return postOnce(request, queue, length, messages);
            } catch (ZaqarException e) {
                boolean stale = e.code() == ErrorCode.QUEUE_METADATA_CHANGED || e.code() == ErrorCode.QUEUE_DOES_NOT_EXIST;
                if (!stale || attempt == 3) {
                    throw e;
                }
            }
        }
    }

    private List<String> postOnce(RequestContext request, String queue, Long length, Supplier<JsonNode> messages) {
        String project = request.projectId();
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
        if (length != null) {
            validator.messageLength(length, metadata.get(ReservedMetadata.MAX_MESSAGES_POST_SIZE));
        }
        JsonNode posted = messages.get();
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

        List<NewMessage> stored = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            JsonNode body = bodies.get(i);
            stored.add(new NewMessage(Json.text(body), (int) timings.get(i)[0], (int) timings.get(i)[1],
                    enableChecksum ? Checksum.of(body) : null));
        }
        return storage.messages().post(project, queue, stored, request.clientId());
    }

    private void list(Context ctx, RequestContext request) {
        List<String> ids = Params.list(ctx, "ids");
        if (ids != null) {
            listByIds(ctx, request, ids);
            return;
        }
        String queue = queue(ctx);
        String marker = Params.string(ctx, "marker");
        Integer limit = Params.integer(ctx, "limit");
        Boolean echo = Params.bool(ctx, "echo");
        Boolean includeClaimed = Params.bool(ctx, "include_claimed");
        Boolean includeDelayed = includeDelayed(request, queue, Params.bool(ctx, "include_delayed"));
        Page<Message> page = list(request, queue, marker, limit, echo, includeClaimed, includeDelayed);

        Instant now = clock.instant();
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode messages = body.putArray("messages");
        page.items().forEach(m -> messages.add(Views.message(m, collection, queue, m.claimId(), now)));
        ArrayNode links = body.putArray("links");
        if (!page.items().isEmpty()) {
            QueryString next = new QueryString().putIfPresent("marker", marker).putIfPresent("limit", limit)
                    .putIfPresent("echo", echo).putIfPresent("include_claimed", includeClaimed)
                    .putIfPresent("include_delayed", includeDelayed).put("marker", page.nextMarker());
            links.addObject().put("rel", "next").put("href", Views.path(collection, queue) + "/messages" + next);
        }
        Json.write(ctx, body);
    }

    /** As upstream: without a queue default delay, delayed messages are not filtered out. */
    Boolean includeDelayed(RequestContext request, String queue, Boolean asked) {
        Map<String, Object> metadata = metadataOrEmpty(request.projectId(), queue);
        return queueInt(metadata, ReservedMetadata.DEFAULT_MESSAGE_DELAY) == null ? Boolean.TRUE : asked;
    }

    /** A page of messages, bodies opened; {@code null} flags mean false, a null limit the default page. */
    Page<Message> list(RequestContext request, String queue, String marker, Integer limit, Boolean echo,
                       Boolean includeClaimed, Boolean includeDelayed) {
        validator.messageListing(limit);
        return storage.messages().list(request.projectId(), queue, new MessageListQuery(marker,
                limit == null ? DEFAULT_MESSAGES_PER_PAGE : limit, Boolean.TRUE.equals(echo), request.clientId(),
                Boolean.TRUE.equals(includeClaimed), Boolean.TRUE.equals(includeDelayed)));
    }

    private void listByIds(Context ctx, RequestContext request, List<String> ids) {
        String queue = queue(ctx);
        List<Message> found = bulkGet(request, queue, ids);
        if (found.isEmpty()) {
            throw ApiError.notFound("No messages with IDs: " + pythonList(ids) + " found in the queue " + queue
                    + " for project " + request.projectId() + ".");
        }
        Instant now = clock.instant();
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode messages = body.putArray("messages");
        found.forEach(m -> messages.add(Views.message(m, collection, queue, m.claimId(), now)));
        Json.write(ctx, body);
    }

    /** The messages of these ids that exist, bodies opened. */
    List<Message> bulkGet(RequestContext request, String queue, List<String> ids) {
        validator.messageListing(ids.size());
        return storage.messages().bulkGet(request.projectId(), queue, ids);
    }

    private static String pythonList(List<String> items) {
        return items.stream().map(item -> "'" + item + "'").collect(Collectors.joining(", ", "[", "]"));
    }

    private void bulkDelete(Context ctx, RequestContext request) {
        List<Message> popped = deleteMany(request, queue(ctx), Params.list(ctx, "ids"), Params.integer(ctx, "pop"),
                Params.list(ctx, "claim_ids"));
        if (popped == null) {
            ctx.status(204);
            return;
        }
        Instant now = clock.instant();
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode messages = body.putArray("messages");
        popped.forEach(m -> messages.add(Views.popped(m, now)));
        Json.write(ctx, body);
    }

    /**
     * Deletes the messages of these ids (with their claims when {@code message_delete_with_claim_id})
     * and returns null, or pops {@code pop} messages and returns them, bodies opened.
     */
    List<Message> deleteMany(RequestContext request, String queue, List<String> ids, Integer pop,
                             List<String> claimIds) {
        List<String> claims = validator.limits().messageDeleteWithClaimId() ? claimIds : null;
        validator.messageDeletion(ids, pop, claims);
        if (ids != null) {
            storage.messages().bulkDelete(request.projectId(), queue, ids, claims);
            return null;
        }
        return storage.messages().pop(request.projectId(), queue, pop);
    }

    private void get(Context ctx, RequestContext request) {
        String queue = queue(ctx);
        Message message = get(request, queue, ctx.pathParam("message_id"));
        Json.write(ctx, Views.message(message, collection, queue, message.claimId(), clock.instant()));
    }

    /** One message, body opened. */
    Message get(RequestContext request, String queue, String messageId) {
        return storage.messages().get(request.projectId(), queue, messageId);
    }

    private void delete(Context ctx, RequestContext request) {
        delete(storage, ctx, request);
    }

    /** DELETE of one message, with its claim id when claimed; the older APIs delete the same way. */
    static void delete(MessageStorage storage, Context ctx, RequestContext request) {
        delete(storage, request, queue(ctx), ctx.pathParam("message_id"), Params.string(ctx, "claim_id"));
        ctx.status(204);
    }

    /** Deletes one message; a claim id that does not exist is a 400, as upstream. */
    static void delete(MessageStorage storage, RequestContext request, String queue, String messageId,
                       String claimId) {
        try {
            storage.messages().delete(request.projectId(), queue, messageId, claimId);
        } catch (ZaqarException e) {
            if (e.code() == ErrorCode.CLAIM_DOES_NOT_EXIST) {
                throw new ApiError(400, "Unable to delete", "The specified claim does not exist or has expired.");
            }
            throw e;
        }
    }
}
