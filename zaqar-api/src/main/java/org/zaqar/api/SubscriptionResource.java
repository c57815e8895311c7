package org.zaqar.api;

import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.PATCH;
import static io.javalin.http.HandlerType.POST;
import static io.javalin.http.HandlerType.PUT;

import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zaqar.core.error.ErrorCode;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.core.model.Page;
import org.zaqar.core.model.RequestContext;
import org.zaqar.core.model.Subscription;
import org.zaqar.core.notify.IdentityService;
import org.zaqar.core.notify.SubscriptionEvents;
import org.zaqar.core.storage.MessageStorage;
import org.zaqar.core.storage.SubscriptionStore;
import org.zaqar.core.validation.SubscriptionRules;
import org.zaqar.core.validation.Validator;

/**
 * {@code /v2/queues/{queue}/subscriptions} (or {@code /v2/topics/...}), one subscription and its
 * confirmation (upstream's v2_0/subscriptions.py).
 */
final class SubscriptionResource {
    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionResource.class);
    private final Validator validator;
    private final SubscriptionRules rules;
    private final MessageStorage storage;
    private final InstantSource clock;
    private final SubscriptionEvents events;
    private final IdentityService identity;
    /** "queues", or "topics" when {@code storage} is a {@link TopicView}. */
    private final String collection;

    SubscriptionResource(Validator validator, ApiComponents components, MessageStorage storage, InstantSource clock,
                         String collection) {
        this.validator = validator;
        this.rules = components.subscriptionRules();
        this.storage = storage;
        this.clock = clock;
        this.events = components.events();
        this.identity = components.identity();
        this.collection = collection;
    }

    void register(Routes routes) {
        String subscriptions = "/v2/" + collection + "/{queue_name}/subscriptions";
        String one = subscriptions + "/{subscription_id}";
        routes.add(POST, subscriptions, "Subscription could not be created.", this::create);
        routes.add(GET, subscriptions, "Subscriptions could not be listed.", this::list);
        routes.add(GET, one, "Subscription could not be retrieved.", this::get);
        routes.add(DELETE, one, "Subscription could not be deleted.", this::delete);
        routes.add(PATCH, one, "Subscription could not be updated.", this::update);
        routes.add(PUT, one + "/confirm", "Subscription could not be confirmed.", this::confirm);
    }

    private SubscriptionStore store() {
        return storage.subscriptions();
    }

    private static String source(Context ctx) {
        return ctx.pathParam(RequestGuard.QUEUE_NAME);
    }

    private static String id(Context ctx) {
        return ctx.pathParam("subscription_id");
    }

    /** The body as upstream's {@code deserialize} gives it, or an empty map when there is none. */
    private static Object document(Context ctx) {
        if (!Json.hasContentLength(ctx) || ctx.contentLength() <= 0) {
            return Map.of();
        }
        JsonNode node = Json.readBody(ctx);
        return Json.MAPPER.convertValue(node, Object.class);
    }

    private void create(Context ctx, RequestContext request) {
        Subscription subscription = create(request, ctx.attribute(Identity.ATTRIBUTE), source(ctx), document(ctx),
                ctx.path());
        ctx.status(201).header("Location", ctx.path());
        Json.write(ctx, Json.MAPPER.createObjectNode().put("subscription_id", subscription.id()));
    }

    /**
     * Subscribes to a queue, creating the queue on first use. Creating a subscription again is a
     * 409, unless the existing one is still unconfirmed: then it is returned and confirmed anew.
     *
     * @param caller   who asks, once authenticated (a trust+ subscriber needs a Keystone user); null under noauth
     * @param document {@code {"subscriber", "ttl"?, "options"?}} as upstream's deserializer gives it
     * @param location what the 409 names in its Location header
     */
    Subscription create(RequestContext request, Identity caller, String source, Object document, String location) {
        String project = request.projectId();
        if (!storage.queues().exists(project, source)) {
            storage.queues().create(project, source, Map.of());
        }
        validate(() -> rules.posting(document, clock.instant()));
        Map<?, ?> fields = (Map<?, ?>) document;
        String subscriber = (String) fields.get("subscriber");
        int ttl = fields.get("ttl") instanceof Number number
                ? number.intValue() : validator.limits().defaultSubscriptionTtl();
        Map<String, Object> options = options(fields.get("options"));
        if (subscriber.startsWith("trust+") && !options.containsKey("trust_id")) {
            options = new LinkedHashMap<>(options);
            options.put("trust_id", createTrust(caller, project, ttl));
        }
        Subscription subscription;
        try {
            String id = store().create(project, source, subscriber, ttl, options);
            subscription = store().get(project, source, id);
        } catch (ZaqarException e) {
            if (e.code() != ErrorCode.CONFLICT) {
                throw e;
            }
            subscription = store().getBySubscriber(project, source, subscriber);
            if (subscription == null || subscription.confirmed()) {
                throw new ApiError(409, "Resource conflict", "Such subscription already exists."
                        + "Subscriptions are unique by project + queue + subscriber URI.",
                        Map.of("Location", location));
            }
        }
        confirmationNeeded(project, Views.path(collection, source), subscription, false, clock.instant().plusSeconds(ttl));
        return subscription;
    }

    /**
     * Upstream's TrustTask.register: the requesting user trusts the {@code [trustee]} user with
     * their roles on the project until the subscription expires. Without a Keystone user (noauth,
     * pre-signed URL) this fails as upstream's does, with a 503.
     */
    private String createTrust(Identity caller, String project, int ttl) {
        if (caller == null || caller.user() == null) {
            throw ZaqarException.unavailable("a trust+ subscriber without options.trust_id needs a request "
                    + "authenticated by a Keystone token", null);
        }
        return identity.createTrust(caller.user(), project, ttl > 0 ? clock.instant().plusSeconds(ttl) : null);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> options(Object options) {
        return options instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private void list(Context ctx, RequestContext request) {
        String marker = Params.string(ctx, "marker");
        Integer limit = Params.integer(ctx, "limit");
        Page<Subscription> page = list(request, source(ctx), marker, limit);
        ArrayNode items = Json.MAPPER.createArrayNode();
        page.items().forEach(s -> items.add(view(s)));
        ArrayNode links = Json.MAPPER.createArrayNode();
        if (!page.items().isEmpty()) {
            QueryString next = new QueryString().putIfPresent("marker", marker).putIfPresent("limit", limit)
                    .put("marker", page.nextMarker());
            links.addObject().put("rel", "next").put("href", ctx.path() + next);
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("subscriptions", items);
        body.set("links", links);
        Json.write(ctx, body);
    }

    /** A page of subscriptions; a null limit is the default page. */
    Page<Subscription> list(RequestContext request, String source, String marker, Integer limit) {
        int maximum = validator.limits().maxSubscriptionsPerPage();
        if (limit != null && (limit < 1 || limit > maximum)) {
            throw ApiError.badRequest("Limit must be at least 1 and may not be greater than " + maximum + ".");
        }
        return store().list(request.projectId(), source, marker,
                limit == null ? QueueResource.DEFAULT_QUEUES_PER_PAGE : limit);
    }

    ObjectNode view(Subscription subscription) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("id", subscription.id());
        node.put("source", subscription.source());
        node.put("subscriber", subscription.subscriber());
        node.put("ttl", subscription.ttl());
        node.put("age", subscription.ageSeconds(clock.instant()));
        node.set("options", Json.MAPPER.valueToTree(subscription.options()));
        node.put("confirmed", subscription.confirmed());
        return node;
    }

    private void get(Context ctx, RequestContext request) {
        Json.write(ctx, view(get(request, source(ctx), id(ctx))));
    }

    Subscription get(RequestContext request, String source, String id) {
        return store().get(request.projectId(), source, id);
    }

    private void delete(Context ctx, RequestContext request) {
        delete(request, source(ctx), id(ctx));
        ctx.status(204);
    }

    void delete(RequestContext request, String source, String id) {
        store().delete(request.projectId(), source, id);
    }

    private void update(Context ctx, RequestContext request) {
        Object document = document(ctx);
        validate(() -> rules.patching(document, clock.instant()));
        Map<?, ?> fields = (Map<?, ?>) document;
        String subscriber = fields.get("subscriber") instanceof String text && !text.isEmpty() ? text : null;
        Integer ttl = fields.get("ttl") instanceof Number number && number.intValue() != 0 ? number.intValue() : null;
        Map<String, Object> options = fields.containsKey("options") ? options(fields.get("options")) : null;
        store().update(request.projectId(), source(ctx), id(ctx), subscriber, ttl, options);
        ctx.status(204).header("Location", ctx.path());
    }

    private void confirm(Context ctx, RequestContext request) {
        Object document = document(ctx);
        boolean[] confirmed = new boolean[1];
        validate(() -> confirmed[0] = rules.confirming(document));
        String project = request.projectId();
        store().confirm(project, source(ctx), id(ctx), confirmed[0]);
        if (!confirmed[0]) {
            Subscription subscription = store().get(project, source(ctx), id(ctx));
            confirmationNeeded(project, Views.path(collection, source(ctx)), subscription, true,
                    clock.instant().plusSeconds(validator.limits().defaultSubscriptionTtl()));
        }
        ctx.status(204).header("Location", ctx.path());
    }

    /**
     * Hands a confirmation request to the notifier. The subscription is stored by then: a hand-off
     * that fails is logged, and the request still answers its success.
     */
    private void confirmationNeeded(String project, String sourcePath, Subscription subscription, boolean unsubscribed,
                                    Instant expires) {
        try {
            events.confirmationNeeded(project, sourcePath, subscription, unsubscribed, expires);
        } catch (RuntimeException e) {
            LOG.warn("The confirmation request of subscription {} could not be sent: {}", subscription.id(), e.toString());
        }
    }

    /** Rule violations answer upstream's {@code HTTPBadRequestAPI}. */
    private static void validate(Runnable check) {
        try {
            check.run();
        } catch (ZaqarException e) {
            if (e.code() == ErrorCode.VALIDATION_FAILED) {
                throw ApiError.badRequest(e.getMessage());
            }
            throw e;
        }
    }
}
