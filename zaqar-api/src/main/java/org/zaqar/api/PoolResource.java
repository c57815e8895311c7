package org.zaqar.api;

import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.PATCH;
import static io.javalin.http.HandlerType.PUT;

import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import org.zaqar.core.model.Page;
import org.zaqar.core.model.Pool;
import org.zaqar.core.model.RequestContext;
import org.zaqar.core.pooling.PoolCatalog;
import org.zaqar.core.validation.Validator;

/**
 * The admin API of pools (upstream's v2_0/pools.py and v1_1/pools.py): register, read, update,
 * list and delete pools. A pool's uri is accepted only when a store answers there; a pool whose
 * flavor exists cannot be deleted.
 */
final class PoolResource {
    private static final Set<String> FIELDS = Set.of("weight", "uri", "flavor", "options");
    private static final long MAX_WEIGHT = (1L << 32) - 1;

    private final String prefix;
    private final Validator validator;
    private final PoolCatalog catalog;

    /** @param prefix "/v2" or "/v1.1" (v1.1 answers a PATCH without a body) */
    PoolResource(String prefix, Validator validator, PoolCatalog catalog) {
        this.prefix = prefix;
        this.validator = validator;
        this.catalog = catalog;
    }

    void register(Routes routes) {
        String pool = prefix + "/pools/{pool}";
        routes.add(GET, prefix + "/pools", "Pools could not be listed.", this::list);
        routes.add(PUT, pool, "Pool could not be created.", this::put);
        routes.add(GET, pool, "Pool could not be read.", this::get);
        routes.add(PATCH, pool, "Pool could not be updated.", this::patch);
        routes.add(DELETE, pool, "Pool could not be deleted.", this::delete);
    }

    private ObjectNode view(Pool pool, boolean detailed) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("name", pool.name());
        node.put("uri", pool.uri());
        node.put("weight", pool.weight());
        node.put("flavor", pool.flavor());
        if (detailed) {
            node.set("options", Json.MAPPER.valueToTree(pool.options()));
        }
        node.put("href", prefix + "/pools/" + pool.name());
        return node;
    }

    private void list(Context ctx, RequestContext request) {
        String marker = Params.string(ctx, "marker");
        Integer limit = Params.integer(ctx, "limit");
        Boolean detailed = Params.bool(ctx, "detailed");
        validator.poolListing(limit);
        Page<Pool> page = catalog.management().pools().list(marker, limit == null ? 10 : limit);
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode links = body.putArray("links");
        ArrayNode pools = body.putArray("pools");
        page.items().forEach(pool -> pools.add(view(pool, Boolean.TRUE.equals(detailed))));
        if (!page.items().isEmpty()) {
            QueryString next = new QueryString().putIfPresent("marker", marker).putIfPresent("limit", limit)
                    .putIfPresent("detailed", detailed).put("marker", page.nextMarker());
            links.addObject().put("rel", "next").put("href", prefix + "/pools" + next);
        }
        ctx.header("Content-Location", LegacyQueueResource.relativeUri(ctx));
        Json.write(ctx, body);
    }

    private void get(Context ctx, RequestContext request) {
        Pool pool = catalog.management().pools().get(ctx.pathParam("pool"));
        Json.write(ctx, view(pool, Boolean.TRUE.equals(Params.bool(ctx, "detailed"))));
    }

    private void put(Context ctx, RequestContext request) {
        JsonNode document = Json.requireObject(Json.readBody(ctx));
        document.fieldNames().forEachRemaining(field -> {
            if (!FIELDS.contains(field)) {
                throw ApiError.badBody(field.equals("group") || field.equals("pool_group")
                        ? "Pool groups are no longer supported: give the pool a flavor, and the flavor a pool_list."
                        : "Additional properties are not allowed ('" + field + "' was unexpected)");
            }
        });
        if (!document.has("uri") || !document.has("weight")) {
            throw ApiError.badBody("'" + (document.has("uri") ? "weight" : "uri") + "' is a required property");
        }
        checkFields(document);
        String uri = document.get("uri").asText();
        requireConnectable(uri);
        String name = ctx.pathParam("pool");
        Map<String, Object> options = document.has("options") ? Json.toMap(document.get("options")) : Map.of();
        String flavor = document.hasNonNull("flavor") ? document.get("flavor").asText() : null;
        requireCapabilities(uri, flavor, null, "Unable to create pool");
        catalog.management().pools().put(new Pool(name, document.get("weight").longValue(), uri, flavor, options));
        catalog.poolChanged(name);
        ctx.status(201).header("Location", ctx.path());
    }

    private void patch(Context ctx, RequestContext request) {
        JsonNode document = Json.requireObject(Json.readBody(ctx));
        if (FIELDS.stream().noneMatch(document::has)) {
            throw ApiError.badBody(prefix.equals("/v2")
                    ? "One of `uri`, `weight`, `flavor`, or `options` needs to be specified"
                    : "One of `uri`, `weight`,or `options` needs to be specified");
        }
        checkFields(document);
        if (document.has("uri")) {
            requireConnectable(document.get("uri").asText());
        }
        Pool pool = catalog.management().pools().get(ctx.pathParam("pool"));
        if (document.has("uri")) {
            requireCapabilities(document.get("uri").asText(), null, pool.name(), "Unable to update pool");
        }
        Pool updated = new Pool(pool.name(),
                document.has("weight") ? document.get("weight").longValue() : pool.weight(),
                document.hasNonNull("uri") ? document.get("uri").asText() : pool.uri(),
                document.hasNonNull("flavor") ? document.get("flavor").asText() : pool.flavor(),
                document.hasNonNull("options") ? Json.toMap(document.get("options")) : pool.options());
        catalog.management().pools().put(updated);
        catalog.poolChanged(updated.name());
        if (prefix.equals("/v2")) {
            Json.write(ctx, view(updated, false));
        } else {
            ctx.status(200);
        }
    }

    private void delete(Context ctx, RequestContext request) {
        String name = ctx.pathParam("pool");
        if (catalog.management().pools().exists(name)) {
            String flavor = catalog.management().pools().get(name).flavor();
            if (flavor != null && catalog.management().flavors().existsInAnyProject(flavor)) {
                throw new ApiError(403, "Unable to delete",
                        "This pool is used by flavors " + flavor + "; It cannot be deleted.");
            }
            // Unlike upstream, which would orphan them: the queues' data lives only in the pool.
            long queues = catalog.management().catalog().countInPool(name);
            if (queues > 0) {
                throw new ApiError(403, "Unable to delete",
                        "This pool holds " + queues + " queue(s); It cannot be deleted until they are.");
            }
        }
        catalog.management().pools().delete(name);
        catalog.poolChanged(name);
        ctx.status(204);
    }

    /** Upstream's JSON schema of the fields present (pools.py schemas). */
    private static void checkFields(JsonNode document) {
        JsonNode weight = document.get("weight");
        if (weight != null && (!weight.isIntegralNumber() || weight.longValue() < 0 || weight.longValue() > MAX_WEIGHT
                || weight.isBigInteger())) {
            throw ApiError.badBody(weight + " is not a valid weight: an integer from 0 to " + MAX_WEIGHT);
        }
        JsonNode uri = document.get("uri");
        if (uri != null && (!uri.isTextual() || uri.asText().length() > 255)) {
            throw ApiError.badBody(uri + " is not a valid uri: a string of at most 255 characters");
        }
        JsonNode flavor = document.get("flavor");
        if (flavor != null && (!flavor.isTextual() || flavor.asText().length() > 255)) {
            throw ApiError.badBody(flavor + " is not a valid flavor: a string of at most 255 characters");
        }
        JsonNode options = document.get("options");
        if (options != null && !options.isObject()) {
            throw ApiError.badBody(options + " is not of type 'object'");
        }
    }

    /** Upstream's PoolCapabilitiesMismatch (a 400 on create; on update upstream lets it become a 500). */
    private void requireCapabilities(String uri, String flavor, String pool, String title) {
        if (!catalog.capabilitiesMatch(uri, flavor, pool)) {
            throw new ApiError(400, title, "The pool being added does not support the minimum set of capabilities");
        }
    }

    private void requireConnectable(String uri) {
        if (!catalog.canConnect(uri)) {
            throw ApiError.badBody("cannot connect to " + uri);
        }
    }
}
