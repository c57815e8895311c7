package org.zaqar.api;

import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.PATCH;
import static io.javalin.http.HandlerType.POST;
import static io.javalin.http.HandlerType.PUT;

import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.zaqar.core.model.ReservedMetadata;
import org.zaqar.core.storage.MessageStorage;
import org.zaqar.core.validation.PatchOperation;
import org.zaqar.core.validation.Validator;

/** {@code /v2/queues}, one queue, its stats, purge and share (upstream's queues.py, stats.py, purge.py). */
final class QueueResource {
    /** Upstream storage's page size when the client gives no limit. */
    static final int DEFAULT_QUEUES_PER_PAGE = 10;
    private static final Set<String> LIST_PARAMS = Set.of("marker", "limit", "detailed", "name", "with_count");

    private final Validator validator;
    private final MessageStorage storage;
    private final InstantSource clock;
    /** "queues", or "topics" when {@code storage} is a {@link TopicView}. */
    private final String collection;

    QueueResource(Validator validator, MessageStorage storage, InstantSource clock) {
        this(validator, storage, clock, "queues");
    }

    QueueResource(Validator validator, MessageStorage storage, InstantSource clock, String collection) {
        this.validator = validator;
        this.storage = storage;
        this.clock = clock;
        this.collection = collection;
    }

    void register(Routes routes) {
        String queuePath = "/v2/" + collection + "/{queue_name}";
        routes.add(GET, "/v2/" + collection, "Queues could not be listed.", this::list);
        routes.add(PUT, queuePath, "Queue could not be created.", this::create);
        routes.add(GET, queuePath, "Queue metadata could not be retrieved.", this::get);
        routes.add(DELETE, queuePath, "Queue could not be deleted.", this::delete);
        routes.add(PATCH, queuePath, "Queue could not be updated.", this::patch);
        routes.add(GET, queuePath + "/stats", "Queue stats could not be read.", this::stats);
        routes.add(POST, queuePath + "/purge", "Queue could not be purged.", this::purge);
    }

    private static String queue(Context ctx) {
        return ctx.pathParam(RequestGuard.QUEUE_NAME);
    }

    private void list(Context ctx, RequestContext request) {
        String marker = Params.string(ctx, "marker");
        Integer limit = Params.integer(ctx, "limit");
        Boolean detailed = Params.bool(ctx, "detailed");
        String name = Params.string(ctx, "name");
        Boolean withCount = Params.bool(ctx, "with_count");
        validator.queueListing(limit);

        Page<QueueInfo> page = storage.queues().list(request.projectId(), new QueueListQuery(marker,
                limit == null ? DEFAULT_QUEUES_PER_PAGE : limit, Boolean.TRUE.equals(detailed), name,
                metadataFilter(ctx)));
        long count = Boolean.TRUE.equals(withCount) ? storage.queues().count(request.projectId()) : 0;

        ArrayNode queues = Json.MAPPER.createArrayNode();
        for (QueueInfo info : page.items()) {
            ObjectNode item = queues.addObject();
            item.put("name", info.name());
            if (Boolean.TRUE.equals(detailed)) {
                item.set("metadata", Json.MAPPER.valueToTree(shown(
                        info.metadata() == null ? Map.of() : info.metadata())));
            }
            item.put("href", Views.path(collection, info.name()));
        }
        ArrayNode links = Json.MAPPER.createArrayNode();
        if (!page.items().isEmpty()) {
            QueryString next = new QueryString().putIfPresent("marker", marker).putIfPresent("limit", limit)
                    .putIfPresent("detailed", detailed).putIfPresent("name", name).putIfPresent("with_count", withCount)
                    .put("marker", page.nextMarker() != null ? page.nextMarker() : marker == null ? "" : marker);
            links.addObject().put("rel", "next").put("href", "/v2/" + collection + next);
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set(collection, queues);
        body.set("links", links);
        if (count > 0) {
            body.put("count", count);
        }
        Json.write(ctx, body);
    }

    /** Every other query parameter filters on metadata; integer-looking values compare as integers. */
    private static Map<String, Object> metadataFilter(Context ctx) {
        Map<String, Object> filter = new LinkedHashMap<>();
        ctx.queryParamMap().forEach((key, values) -> {
            if (LIST_PARAMS.contains(key) || values.isEmpty() || values.getLast().isEmpty()) {
                return;
            }
            String value = values.getLast();
            try {
                long number = Long.parseLong(value.strip());
                filter.put(key, number == (int) number ? (Object) (int) number : (Object) number);
            } catch (NumberFormatException e) {
                filter.put(key, value);
            }
        });
        return filter;
    }

    /** The metadata as GET shows it: reserved keys filled in (for topics, only upstream's three). */
    private Map<String, Object> shown(Map<String, Object> metadata) {
        Map<String, Object> shown = validator.withReservedDefaults(metadata);
        if (collection.equals("topics")) {
            Set<String> topicDefaults = Set.of(ReservedMetadata.MAX_MESSAGES_POST_SIZE,
                    ReservedMetadata.DEFAULT_MESSAGE_TTL, ReservedMetadata.DEFAULT_MESSAGE_DELAY);
            validator.reservedMetadataDefaults().keySet().stream()
                    .filter(key -> !topicDefaults.contains(key) && !metadata.containsKey(key))
                    .forEach(shown::remove);
        }
        return shown;
    }

    private void create(Context ctx, RequestContext request) {
        create(validator, storage, ctx, request);
    }

    /** PUT of a queue with optional metadata; v1.1 creates queues the same way. */
    static void create(Validator validator, MessageStorage storage, Context ctx, RequestContext request) {
        Map<String, Object> metadata = Map.of();
        if (Json.hasContentLength(ctx)) {
            validator.queueMetadataLength(Json.contentLength(ctx));
        }
        if (ctx.contentLength() > 0) {
            metadata = Json.toMap(Json.requireObject(Json.readBody(ctx)));
        }
        boolean created = create(validator, storage, request, queue(ctx), metadata);
        ctx.status(created ? 201 : 204).header("Location", ctx.path());
    }

    /** Creates a queue with valid metadata; false when it existed already. */
    static boolean create(Validator validator, MessageStorage storage, RequestContext request, String queue,
                          Map<String, Object> metadata) {
        validator.queueMetadataPutting(metadata);
        return storage.queues().create(request.projectId(), queue, metadata);
    }

    /** A missing queue reads as one with no metadata of its own (200, reserved defaults), as upstream. */
    private void get(Context ctx, RequestContext request) {
        Map<String, Object> metadata = storage.queues().get(request.projectId(), queue(ctx));
        Json.write(ctx, shown(metadata));
    }

    private void delete(Context ctx, RequestContext request) {
        storage.queues().delete(request.projectId(), queue(ctx));
        ctx.status(204);
    }

    private void patch(Context ctx, RequestContext request) {
        try {
            if (Json.hasContentLength(ctx)) {
                validator.queueMetadataLength(Json.contentLength(ctx));
            }
        } catch (ZaqarException e) {
            throw ApiError.badBody(e.getMessage());
        }
        if (!Validator.JSON_PATCH_MEDIA_TYPE.equals(ctx.header("Content-Type"))) {
            throw new ApiError(415, "415 Unsupported Media Type", "Accepted media type for PATCH: {'Accept-Patch': '"
                    + Validator.JSON_PATCH_MEDIA_TYPE + "'}.");
        }
        if (ctx.contentLength() <= 0) {
            throw ApiError.badBody("PATCH body could not be empty for update.");
        }
        JsonNode document = Json.parse(Json.body(ctx));
        if (!document.isArray()) {
            throw Json.documentTypeNotSupported();
        }
        Map<String, Object> metadata;
        try {
            List<PatchOperation> changes = validator.queuePatching(document);
            metadata = new LinkedHashMap<>(storage.queues().getMetadata(request.projectId(), queue(ctx)));
            Set<String> reserved = validator.reservedMetadataDefaults().keySet();
            for (PatchOperation change : changes) {
                apply(metadata, reserved, change);
            }
            validator.queueMetadataPutting(metadata);
        } catch (ZaqarException e) {
            if (e.code() == ErrorCode.VALIDATION_FAILED) {
                throw ApiError.badBody(e.getMessage());
            }
            throw e;
        }
        storage.queues().setMetadata(request.projectId(), queue(ctx), metadata);
        Json.write(ctx, shown(metadata));
    }

    private static void apply(Map<String, Object> metadata, Set<String> reserved, PatchOperation change) {
        String key = change.key();
        switch (change.op()) {
            case "add" -> metadata.put(key, change.value());
            case "replace" -> {
                if (!metadata.containsKey(key) && !reserved.contains(key)) {
                    throw ApiError.conflict("Can't replace non-existent object " + key + ".");
                }
                metadata.put(key, change.value());
            }
            default -> {
                if (metadata.containsKey(key)) {
                    metadata.remove(key);
                } else if (!reserved.contains(key)) {
                    throw ApiError.conflict("Can't remove non-existent object " + key + ".");
                }
            }
        }
    }

    private void stats(Context ctx, RequestContext request) {
        ObjectNode body;
        try {
            body = stats(request, queue(ctx));
        } catch (ZaqarException e) {
            if (e.code() != ErrorCode.QUEUE_DOES_NOT_EXIST && e.code() != ErrorCode.QUEUE_IS_EMPTY) {
                throw e;
            }
            body = emptyStats();
        }
        Json.write(ctx, body);
    }

    /** {@code {"messages": {"claimed", "free", "total", "oldest"?, "newest"?}}}; fails when the queue does not exist. */
    ObjectNode stats(RequestContext request, String queue) {
        QueueStats stats = storage.queues().stats(request.projectId(), queue);
        ObjectNode body = Json.MAPPER.createObjectNode();
        ObjectNode messages = body.putObject("messages");
        messages.put("claimed", stats.claimed()).put("free", stats.free()).put("total", stats.total());
        if (stats.total() != 0 && stats.oldest() != null && stats.newest() != null) {
            messages.set("oldest", messageRef(queue, stats.oldest()));
            messages.set("newest", messageRef(queue, stats.newest()));
        }
        return body;
    }

    /** The stats of a queue that does not exist. */
    static ObjectNode emptyStats() {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.putObject("messages").put("claimed", 0).put("free", 0).put("total", 0);
        return body;
    }

    private ObjectNode messageRef(String queue, QueueStats.MessageRef ref) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("href", Views.messageHref(collection, queue, ref.id(), null));
        node.put("age", Math.max(0, java.time.Duration.between(ref.createdAt(), clock.instant()).toSeconds()));
        node.put("created", Views.created(ref.createdAt()));
        return node;
    }

    private void purge(Context ctx, RequestContext request) {
        Set<String> types = Validator.PURGEABLE_RESOURCE_TYPES;
        if (ctx.contentLength() > 0) {
            types = validator.queuePurging(Json.readBody(ctx));
        }
        purge(request, queue(ctx), types);
        ctx.status(204);
    }

    /** Removes the messages and/or subscriptions of a queue, as asked; a missing queue has nothing to purge. */
    void purge(RequestContext request, String queue, Set<String> types) {
        if (types.contains("messages")) {
            try {
                storage.messages().purge(request.projectId(), queue);
            } catch (ZaqarException e) {
                if (e.code() != ErrorCode.QUEUE_DOES_NOT_EXIST) {
                    throw e;
                }
            }
        }
        if (types.contains("subscriptions")) {
            storage.subscriptions().deleteAll(request.projectId(), queue);
        }
    }
}
