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
import org.zaqar.core.model.Message;
import org.zaqar.core.model.MessageListQuery;
import org.zaqar.core.model.NewMessage;
import org.zaqar.core.model.Page;
import org.zaqar.core.model.RequestContext;
import org.zaqar.core.storage.MessageStorage;
import org.zaqar.core.validation.Validator;

/**
 * Messages in API v1.0 and v1.1 (upstream's v1_0 and v1_1 messages.py). No delays and no
 * per-queue defaults. v1.1 posts {@code {"messages": [...]}} with a default ttl and creates the
 * queue lazily; v1.0 posts a bare array whose ttls are required, into an existing queue, and
 * answers 204 where v1.1 answers an empty page.
 */
final class LegacyMessageResource {
    private final LegacyVersion version;
    private final Validator validator;
    private final MessageStorage storage;
    private final InstantSource clock;

    LegacyMessageResource(LegacyVersion version, Validator validator, MessageStorage storage, InstantSource clock) {
        this.version = version;
        this.validator = validator;
        this.storage = storage;
        this.clock = clock;
    }

    void register(Routes routes) {
        String messages = version.prefix() + "/queues/{queue_name}/messages";
        routes.add(POST, messages, "Messages could not be enqueued.", LegacyVersion.lowerCaseHeaders(this::post));
        routes.add(GET, messages, "Messages could not be listed.", LegacyVersion.lowerCaseHeaders(this::list));
        routes.add(DELETE, messages, "Messages could not be deleted.", LegacyVersion.lowerCaseHeaders(this::bulkDelete));
        routes.add(GET, messages + "/{message_id}", "Message could not be retrieved.", LegacyVersion.lowerCaseHeaders(this::get));
        routes.add(DELETE, messages + "/{message_id}", "Message could not be deleted.", LegacyVersion.lowerCaseHeaders(this::delete));
    }

    private static String queue(Context ctx) {
        return ctx.pathParam(RequestGuard.QUEUE_NAME);
    }

    /** Upstream's {@code get_client_uuid}: the listing and posting handlers need a Client-ID in every version. */
    static String requireClientId(RequestContext request) {
        if (request.clientId() == null) {
            throw new ApiError(400, "Missing header value", "The \"Client-ID\" header is required.");
        }
        return request.clientId();
    }

    private void post(Context ctx, RequestContext request) {
        String clientId = requireClientId(request);
        if (Json.hasContentLength(ctx)) {
            validator.messageLength(Json.contentLength(ctx), null);
        }
        JsonNode document = Json.readBody(ctx);
        JsonNode posted = document;
        Long defaultTtl = null;
        if (version == LegacyVersion.V1_1) {
            if (!document.isObject() || !document.has("messages")) {
                throw ApiError.badRequest("No messages were found in the request body.");
            }
            posted = document.get("messages");
            defaultTtl = (long) validator.limits().defaultMessageTtl();
        }
        if (!posted.isArray()) {
            throw Json.documentTypeNotSupported();
        }
        List<NewMessage> messages = new ArrayList<>();
        List<Long> ttls = new ArrayList<>();
        for (JsonNode message : posted) {
            Json.requireObject(message);
            ttls.add(Json.checkedInt(message, "ttl", defaultTtl));
            messages.add(new NewMessage(Json.text(Json.requiredField(message, "body")), 0, 0, null));
        }
        validator.messagePosting(messages.size());
        ttls.forEach(ttl -> validator.messageContent(ttl, 0));
        for (int i = 0; i < messages.size(); i++) {
            messages.set(i, new NewMessage(messages.get(i).body(), ttls.get(i).intValue(), 0, null));
        }
        String project = request.projectId();
        String queue = queue(ctx);
        if (version == LegacyVersion.V1_1 && !storage.queues().exists(project, queue)) {
            storage.queues().create(project, queue, Map.of());
        }
        List<String> ids = storage.messages().post(project, queue, messages, clientId);

        String path = version.queuePath(queue) + "/messages";
        ctx.header("Location", path + "?ids=" + String.join(",", ids));
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode resources = body.putArray("resources");
        ids.forEach(id -> resources.add(path + "/" + id));
        if (version == LegacyVersion.V1) {
            body.put("partial", false);
        }
        ctx.status(201);
        Json.write(ctx, body);
    }

    private void list(Context ctx, RequestContext request) {
        if (version == LegacyVersion.V1) {
            ctx.header("Content-Location", LegacyQueueResource.relativeUri(ctx));
        }
        List<String> ids = Params.list(ctx, "ids");
        if (ids != null) {
            listByIds(ctx, request, ids);
            return;
        }
        String clientId = requireClientId(request);
        String queue = queue(ctx);
        String marker = Params.string(ctx, "marker");
        Integer limit = Params.integer(ctx, "limit");
        Boolean echo = Params.bool(ctx, "echo");
        Boolean includeClaimed = Params.bool(ctx, "include_claimed");
        validator.messageListing(limit);
        Page<Message> page = storage.messages().list(request.projectId(), queue, new MessageListQuery(marker,
                limit == null ? MessageResource.DEFAULT_MESSAGES_PER_PAGE : limit, Boolean.TRUE.equals(echo),
                clientId, Boolean.TRUE.equals(includeClaimed), true));
        if (version == LegacyVersion.V1 && page.items().isEmpty()) {
            ctx.status(204);
            return;
        }
        Instant now = clock.instant();
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode messages = body.putArray("messages");
        page.items().forEach(m -> messages.add(version.message(m, queue, m.claimId(), now)));
        ArrayNode links = body.putArray("links");
        if (!page.items().isEmpty()) {
            QueryString next = new QueryString().putIfPresent("marker", marker).putIfPresent("limit", limit)
                    .putIfPresent("echo", echo).putIfPresent("include_claimed", includeClaimed)
                    .put("marker", page.nextMarker());
            links.addObject().put("rel", "next").put("href", version.queuePath(queue) + "/messages" + next);
        }
        Json.write(ctx, body);
    }

    private void listByIds(Context ctx, RequestContext request, List<String> ids) {
        validator.messageListing(ids.size());
        String queue = queue(ctx);
        List<Message> found = storage.messages().bulkGet(request.projectId(), queue, ids);
        if (found.isEmpty() && version == LegacyVersion.V1) {
            ctx.status(204);
            return;
        }
        if (found.isEmpty()) {
            throw ApiError.notFound("No messages with IDs: " + ids.stream().map(id -> "'" + id + "'")
                    .collect(Collectors.joining(", ", "[", "]")) + " found in the queue " + queue
                    + " for project " + request.projectId() + ".");
        }
        Instant now = clock.instant();
        ArrayNode messages = Json.MAPPER.createArrayNode();
        found.forEach(m -> messages.add(version.message(m, queue, m.claimId(), now)));
        if (version == LegacyVersion.V1) {
            Json.write(ctx, messages);
        } else {
            ObjectNode body = Json.MAPPER.createObjectNode();
            body.set("messages", messages);
            Json.write(ctx, body);
        }
    }

    private void bulkDelete(Context ctx, RequestContext request) {
        List<String> ids = Params.list(ctx, "ids");
        if (version == LegacyVersion.V1) {
            if (ids == null) {
                throw new ApiError(400, "Missing parameter", "The \"ids\" parameter is required.");
            }
            validator.messageListing(ids.size());
        } else {
            Integer pop = Params.integer(ctx, "pop");
            validator.messageDeletion(ids, pop, null);
            if (ids == null) {
                Instant now = clock.instant();
                ObjectNode body = Json.MAPPER.createObjectNode();
                ArrayNode messages = body.putArray("messages");
                storage.messages().pop(request.projectId(), queue(ctx), pop)
                        .forEach(m -> messages.add(Views.popped(m, now)));
                Json.write(ctx, body);
                return;
            }
        }
        storage.messages().bulkDelete(request.projectId(), queue(ctx), ids, null);
        ctx.status(204);
    }

    private void get(Context ctx, RequestContext request) {
        String queue = queue(ctx);
        Message message = storage.messages().get(request.projectId(), queue, ctx.pathParam("message_id"));
        if (version == LegacyVersion.V1) {
            ctx.header("Content-Location", LegacyQueueResource.relativeUri(ctx));
        }
        Json.write(ctx, version.message(message, queue, message.claimId(), clock.instant()));
    }

    private void delete(Context ctx, RequestContext request) {
        MessageResource.delete(storage, ctx, request);
    }
}
