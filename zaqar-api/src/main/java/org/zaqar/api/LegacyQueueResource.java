package org.zaqar.api;

import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.HEAD;
import static io.javalin.http.HandlerType.PUT;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import org.zaqar.core.error.ErrorCode;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.core.model.Page;
import org.zaqar.core.model.QueueInfo;
import org.zaqar.core.model.QueueListQuery;
import org.zaqar.core.model.QueueStats;
import org.zaqar.core.model.RequestContext;
import org.zaqar.core.storage.MessageStorage;
import org.zaqar.core.validation.Validator;

/**
 * Queues in API v1.0 and v1.1 (upstream's v1_0 and v1_1 queues.py, metadata.py, stats.py). No
 * PATCH, and metadata is returned as stored, without v2's reserved defaults. In v1.0 a queue is
 * created without metadata, read with HEAD/GET (204 or 404) and its metadata lives at
 * {@code /metadata}; an empty listing answers 204.
 */
final class LegacyQueueResource {
    private final LegacyVersion version;
    private final Validator validator;
    private final MessageStorage storage;
    private final InstantSource clock;

    LegacyQueueResource(LegacyVersion version, Validator validator, MessageStorage storage, InstantSource clock) {
        this.version = version;
        this.validator = validator;
        this.storage = storage;
        this.clock = clock;
    }

    void register(Routes routes) {
        String queue = version.prefix() + "/queues/{queue_name}";
        routes.add(GET, version.prefix() + "/queues", "Queues could not be listed.", LegacyVersion.lowerCaseHeaders(this::list));
        routes.add(DELETE, queue, "Queue could not be deleted.", LegacyVersion.lowerCaseHeaders(this::delete));
        routes.add(GET, queue + "/stats", "Queue stats could not be read.", LegacyVersion.lowerCaseHeaders(this::stats));
        if (version == LegacyVersion.V1) {
            routes.add(PUT, queue, "Queue could not be created.", LegacyVersion.lowerCaseHeaders(this::createWithoutMetadata));
            routes.add(GET, queue, "Queue existence could not be checked.", LegacyVersion.lowerCaseHeaders(this::exists));
            routes.add(HEAD, queue, "Queue existence could not be checked.", LegacyVersion.lowerCaseHeaders(this::exists));
            routes.add(GET, queue + "/metadata", "Queue metadata could not be retrieved.", LegacyVersion.lowerCaseHeaders(this::getMetadata));
            routes.add(PUT, queue + "/metadata", "Metadata could not be updated.", LegacyVersion.lowerCaseHeaders(this::setMetadata));
        } else {
            routes.add(PUT, queue, "Queue could not be created.", LegacyVersion.lowerCaseHeaders(this::create));
            routes.add(GET, queue, "Queue metadata could not be retrieved.", LegacyVersion.lowerCaseHeaders(this::getMetadata));
            // Jetty would answer HEAD like GET; upstream's v1.1 queue has no HEAD responder.
            routes.add(HEAD, queue, "Queue could not be read.", (ctx, request) -> {
                throw new ApiError(405, "405 Method Not Allowed", null, Map.of("Allow", "GET, PUT, DELETE"));
            });
        }
    }

    private static String queue(Context ctx) {
        return ctx.pathParam(RequestGuard.QUEUE_NAME);
    }

    private void list(Context ctx, RequestContext request) {
        String marker = Params.string(ctx, "marker");
        Integer limit = Params.integer(ctx, "limit");
        Boolean detailed = Params.bool(ctx, "detailed");
        validator.queueListing(limit);
        Page<QueueInfo> page = storage.queues().list(request.projectId(), new QueueListQuery(marker,
                limit == null ? QueueResource.DEFAULT_QUEUES_PER_PAGE : limit, Boolean.TRUE.equals(detailed), null,
                Map.of()));
        if (version == LegacyVersion.V1) {
            ctx.header("Content-Location", relativeUri(ctx));
            if (page.items().isEmpty()) {
                ctx.status(204);
                return;
            }
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode queues = body.putArray("queues");
        for (QueueInfo info : page.items()) {
            ObjectNode item = queues.addObject();
            item.put("name", info.name());
            if (Boolean.TRUE.equals(detailed)) {
                item.set("metadata", Json.MAPPER.valueToTree(info.metadata() == null ? Map.of() : info.metadata()));
            }
            item.put("href", version.queuePath(info.name()));
        }
        ArrayNode links = body.putArray("links");
        if (!page.items().isEmpty()) {
            QueryString next = new QueryString().putIfPresent("marker", marker).putIfPresent("limit", limit)
                    .putIfPresent("detailed", detailed)
                    .put("marker", page.nextMarker() != null ? page.nextMarker() : marker == null ? "" : marker);
            links.addObject().put("rel", "next").put("href", version.prefix() + "/queues" + next);
        }
        Json.write(ctx, body);
    }

    static String relativeUri(Context ctx) {
        return ctx.queryString() == null ? ctx.path() : ctx.path() + "?" + ctx.queryString();
    }

    private void create(Context ctx, RequestContext request) {
        QueueResource.create(validator, storage, ctx, request);
    }

    private void createWithoutMetadata(Context ctx, RequestContext request) {
        boolean created = storage.queues().create(request.projectId(), queue(ctx), Map.of());
        ctx.status(created ? 201 : 204).header("Location", ctx.path());
    }

    private void exists(Context ctx, RequestContext request) {
        boolean exists = storage.queues().exists(request.projectId(), queue(ctx));
        ctx.status(exists ? 204 : 404).header("Content-Location", ctx.path());
    }

    /** v1.0's metadata of a missing queue is a 404; v1.1 reads it as empty metadata, as upstream. */
    private void getMetadata(Context ctx, RequestContext request) {
        Map<String, Object> metadata;
        if (version == LegacyVersion.V1) {
            metadata = storage.queues().getMetadata(request.projectId(), queue(ctx));
            ctx.header("Content-Location", ctx.path());
        } else {
            metadata = storage.queues().get(request.projectId(), queue(ctx));
        }
        Json.write(ctx, metadata);
    }

    private void setMetadata(Context ctx, RequestContext request) {
        if (Json.hasContentLength(ctx)) {
            validator.queueMetadataLength(Json.contentLength(ctx));
        }
        Map<String, Object> metadata = Json.toMap(Json.requireObject(Json.readBody(ctx)));
        if (metadata.keySet().stream().anyMatch(key -> key.startsWith("_"))) {
            throw ApiError.badRequest("Reserved queue attributes in metadata (which names start with \"_\") "
                    + "can not be set in API v1.");
        }
        storage.queues().setMetadata(request.projectId(), queue(ctx), metadata);
        ctx.status(204).header("Location", ctx.path());
    }

    private void delete(Context ctx, RequestContext request) {
        storage.queues().delete(request.projectId(), queue(ctx));
        ctx.status(204);
    }

    private void stats(Context ctx, RequestContext request) {
        ObjectNode messages = Json.MAPPER.createObjectNode();
        String queue = queue(ctx);
        try {
            QueueStats stats = storage.queues().stats(request.projectId(), queue);
            messages.put("claimed", stats.claimed()).put("free", stats.free()).put("total", stats.total());
            if (stats.total() != 0 && stats.oldest() != null && stats.newest() != null) {
                messages.set("oldest", messageRef(queue, stats.oldest()));
                messages.set("newest", messageRef(queue, stats.newest()));
            }
        } catch (ZaqarException e) {
            boolean missingIsEmpty = version == LegacyVersion.V1_1 && e.code() == ErrorCode.QUEUE_DOES_NOT_EXIST;
            if (e.code() != ErrorCode.QUEUE_IS_EMPTY && !missingIsEmpty) {
                throw e;
            }
            messages.put("claimed", 0).put("free", 0).put("total", 0);
        }
        if (version == LegacyVersion.V1) {
            ctx.header("Content-Location", ctx.path());
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("messages", messages);
        Json.write(ctx, body);
    }

    private ObjectNode messageRef(String queue, QueueStats.MessageRef ref) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("href", version.messageHref(queue, ref.id(), null));
        node.put("age", Math.max(0, Duration.between(ref.createdAt(), clock.instant()).toSeconds()));
        node.put("created", Views.created(ref.createdAt()));
        return node;
    }
}
