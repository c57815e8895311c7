package org.zaqar.api;

import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.PATCH;
import static io.javalin.http.HandlerType.PUT;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import org.zaqar.core.model.Flavor;
import org.zaqar.core.model.Page;
import org.zaqar.core.model.Pool;
import org.zaqar.core.model.RequestContext;
import org.zaqar.core.pooling.PoolCatalog;
import org.zaqar.core.storage.PoolStore;
import org.zaqar.core.validation.Validator;

/**
 * The admin API of flavors (upstream's v2_0/flavors.py): a flavor names the pools serving it in
 * {@code pool_list} (each pool then carries the flavor); the old {@code pool_group} is refused.
 */
final class FlavorResource {
    private static final Set<String> FIELDS = Set.of("pool_list", "capabilities");

    private final String prefix;
    private final Validator validator;
    private final PoolCatalog catalog;

    FlavorResource(String prefix, Validator validator, PoolCatalog catalog) {
        this.prefix = prefix;
        this.validator = validator;
        this.catalog = catalog;
    }

    void register(Routes routes) {
        String flavor = prefix + "/flavors/{flavor}";
        routes.add(GET, prefix + "/flavors", "Flavors could not be listed.", this::list);
        routes.add(PUT, flavor, "Flavor could not be created.", this::put);
        routes.add(GET, flavor, "Flavor could not be read.", this::get);
        routes.add(PATCH, flavor, "Flavor could not be updated.", this::patch);
        routes.add(DELETE, flavor, "Flavor could not be deleted.", this::delete);
    }

    private PoolStore pools() {
        return catalog.management().pools();
    }

    private List<String> poolNames(String flavor) {
        return pools().byFlavor(flavor).stream().map(Pool::name).toList();
    }

    private void list(Context ctx, RequestContext request) {
        String marker = Params.string(ctx, "marker");
        Integer limit = Params.integer(ctx, "limit");
        Boolean detailed = Params.bool(ctx, "detailed");
        validator.flavorListing(limit);
        Page<Flavor> page = catalog.management().flavors().list(request.projectId(), marker,
                limit == null ? 10 : limit);
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode links = body.putArray("links");
        ArrayNode flavors = body.putArray("flavors");
        for (Flavor flavor : page.items()) {
            ObjectNode item = flavors.addObject().put("name", flavor.name())
                    .put("href", prefix + "/flavors/" + flavor.name());
            List<String> poolList = poolNames(flavor.name());
            if (!poolList.isEmpty()) {
                item.set("pool_list", Json.MAPPER.valueToTree(poolList));
            }
            if (Boolean.TRUE.equals(detailed)) {
                item.set("capabilities", Json.MAPPER.valueToTree(catalog.capabilities(flavor.name())));
            }
        }
        if (!page.items().isEmpty()) {
            QueryString next = new QueryString().putIfPresent("marker", marker).putIfPresent("limit", limit)
                    .put("marker", page.nextMarker()).putIfPresent("detailed", detailed);
            links.addObject().put("rel", "next").put("href", prefix + "/flavors" + next);
        }
        Json.write(ctx, body);
    }

    private ObjectNode view(Flavor flavor, List<String> poolList, String href) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("name", flavor.name());
        node.set("capabilities", Json.MAPPER.valueToTree(catalog.capabilities(flavor.name())));
        node.set("pool_list", Json.MAPPER.valueToTree(poolList));
        node.put("href", href);
        return node;
    }

    private void get(Context ctx, RequestContext request) {
        Flavor flavor = catalog.management().flavors().get(request.projectId(), ctx.pathParam("flavor"));
        Json.write(ctx, view(flavor, poolNames(flavor.name()), ctx.path()));
    }

    private void put(Context ctx, RequestContext request) {
        JsonNode document = Json.requireObject(Json.readBody(ctx));
        document.fieldNames().forEachRemaining(field -> {
            if (!FIELDS.contains(field)) {
                throw ApiError.badBody(field.equals("pool_group") || field.equals("pool")
                        ? "Flavors no longer take a pool_group: list the flavor's pools in pool_list."
                        : "Additional properties are not allowed ('" + field + "' was unexpected)");
            }
        });
        if (!document.has("pool_list")) {
            throw ApiError.badBody("'pool_list' is a required property");
        }
        if (document.has("capabilities") && !document.get("capabilities").isObject()) {
            throw ApiError.badBody(document.get("capabilities") + " is not of type 'object'");
        }
        String name = ctx.pathParam("flavor");
        List<String> poolList = poolList(document, "Unable to create",
                "Flavor " + name + " could not be created, error:");
        catalog.management().flavors().put(new Flavor(request.projectId(), name, Map.of()));
        assignPools(name, poolList);
        ctx.status(201).header("Location", ctx.path());
    }

    private void patch(Context ctx, RequestContext request) {
        JsonNode document = Json.requireObject(Json.readBody(ctx));
        if (!document.has("pool_list")) {
            throw ApiError.badBody("`pool_list` needs to be specified");
        }
        String name = ctx.pathParam("flavor");
        if (!document.get("pool_list").isArray() || document.get("pool_list").isEmpty()) {
            poolList(document, "Unable to create", "");
        }
        Flavor flavor = catalog.management().flavors().get(request.projectId(), name);
        List<String> poolList = poolList(document, "updatefail", "Flavor " + name + " cant be updated, error:");
        List<String> removed = new ArrayList<>(poolNames(name));
        removed.removeAll(poolList);
        assignPools(name, poolList);
        for (String pool : removed) {
            Pool old = pools().get(pool);
            pools().put(new Pool(old.name(), old.weight(), old.uri(), null, old.options()));
        }
        Json.write(ctx, view(flavor, poolList, ctx.path()));
    }

    private void delete(Context ctx, RequestContext request) {
        String name = ctx.pathParam("flavor");
        if (catalog.management().flavors().exists(request.projectId(), name)) {
            for (Pool pool : pools().byFlavor(name)) {
                pools().put(new Pool(pool.name(), pool.weight(), pool.uri(), null, pool.options()));
            }
        }
        catalog.management().flavors().delete(request.projectId(), name);
        ctx.status(204);
    }

    /** The document's pool_list: a non-empty array of existing pools' names. */
    private List<String> poolList(JsonNode document, String title, String missingPoolDescription) {
        JsonNode list = document.get("pool_list");
        if (!list.isArray()) {
            throw ApiError.badBody(list + " is not of type 'array'");
        }
        if (list.isEmpty()) {
            throw new ApiError(400, "Unable to create", "Bad Request");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode item : list) {
            String pool = item.asText();
            if (!item.isTextual() || !pools().exists(pool)) {
                throw new ApiError(400, title, missingPoolDescription + "Pool " + pool + " does not exist");
            }
            names.add(pool);
        }
        return names;
    }

    private void assignPools(String flavor, List<String> poolList) {
        for (String name : poolList) {
            Pool pool = pools().get(name);
            pools().put(new Pool(pool.name(), pool.weight(), pool.uri(), flavor, pool.options()));
        }
    }
}
