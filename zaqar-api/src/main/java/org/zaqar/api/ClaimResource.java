package org.zaqar.api;

import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.PATCH;
import static io.javalin.http.HandlerType.POST;

import java.time.Instant;
import java.time.InstantSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import org.zaqar.core.model.Claim;
import org.zaqar.core.model.ClaimRequest;
import org.zaqar.core.model.RequestContext;
import org.zaqar.core.storage.MessageStorage;
import org.zaqar.core.validation.Validator;

/** {@code /v2/queues/{queue}/claims} and one claim (upstream's v2_0/claims.py). */
final class ClaimResource {
    /** Upstream storage's claim size when the client gives no limit. */
    static final int DEFAULT_MESSAGES_PER_CLAIM = 10;
    private static final String CLAIMS = "/v2/queues/{queue_name}/claims";

    private final Validator validator;
    private final MessageStorage storage;
    private final InstantSource clock;

    ClaimResource(Validator validator, MessageStorage storage, InstantSource clock) {
        this.validator = validator;
        this.storage = storage;
        this.clock = clock;
    }

    void register(Routes routes) {
        routes.add(POST, CLAIMS, "Claim could not be created.", this::create);
        routes.add(GET, CLAIMS + "/{claim_id}", "Claim could not be queried.", this::get);
        routes.add(PATCH, CLAIMS + "/{claim_id}", "Claim could not be updated.", this::update);
        routes.add(DELETE, CLAIMS + "/{claim_id}", "Claim could not be deleted.", this::delete);
    }

    private static String queue(Context ctx) {
        return ctx.pathParam(RequestGuard.QUEUE_NAME);
    }

    private void create(Context ctx, RequestContext request) {
        Integer limit = Params.integer(ctx, "limit");
        JsonNode document = ctx.contentLength() > 0 ? Json.requireObject(Json.readBody(ctx)) : null;
        String queue = queue(ctx);
        Claim claim = create(request, queue, document, limit);
        if (claim.messages().isEmpty()) {
            ctx.status(204);
            return;
        }
        Instant now = clock.instant();
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode messages = body.putArray("messages");
        claim.messages().forEach(m -> messages.add(Views.message(m, queue, claim.id(), now)));
        ctx.status(201).header("Location", Views.queuePath(queue) + "/claims/" + claim.id());
        Json.write(ctx, body);
    }

    /**
     * Claims up to {@code limit} messages.
     *
     * @param document {@code {"ttl", "grace"}}, each optional, or null for the defaults
     * @return the claim, message bodies opened; no messages when there was nothing to claim
     */
    Claim create(RequestContext request, String queue, JsonNode document, Integer limit) {
        long ttl = validator.limits().defaultClaimTtl();
        long grace = validator.limits().defaultClaimGrace();
        if (document != null) {
            ttl = Json.checkedInt(document, "ttl", ttl);
            grace = Json.checkedInt(document, "grace", grace);
        }
        validator.claimCreation(ttl, grace, limit);
        return storage.claims().create(request.projectId(), queue, new ClaimRequest((int) ttl, (int) grace,
                limit == null ? DEFAULT_MESSAGES_PER_CLAIM : limit));
    }

    private void get(Context ctx, RequestContext request) {
        String queue = queue(ctx);
        Claim claim = get(request, queue, ctx.pathParam("claim_id"));
        Instant now = clock.instant();
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("age", claim.ageSeconds(now));
        body.put("ttl", claim.ttl());
        ArrayNode messages = body.putArray("messages");
        claim.messages().forEach(m -> messages.add(Views.message(m, queue, claim.id(), now)));
        body.put("href", Views.queuePath(queue) + "/claims/" + claim.id());
        Json.write(ctx, body);
    }

    /** A claim and its messages, bodies opened. */
    Claim get(RequestContext request, String queue, String claimId) {
        return storage.claims().get(request.projectId(), queue, claimId);
    }

    private void update(Context ctx, RequestContext request) {
        update(request, queue(ctx), ctx.pathParam("claim_id"), Json.requireObject(Json.readBody(ctx)));
        ctx.status(204);
    }

    /** Renews a claim with {@code {"ttl", "grace"}}, each optional. */
    void update(RequestContext request, String queue, String claimId, JsonNode document) {
        long ttl = Json.checkedInt(document, "ttl", (long) validator.limits().defaultClaimTtl());
        long grace = Json.checkedInt(document, "grace", (long) validator.limits().defaultClaimGrace());
        validator.claimUpdating(ttl);
        storage.claims().update(request.projectId(), queue, claimId, (int) ttl,
                (int) Math.max(0, Math.min(grace, Integer.MAX_VALUE)));
    }

    private void delete(Context ctx, RequestContext request) {
        delete(request, queue(ctx), ctx.pathParam("claim_id"));
        ctx.status(204);
    }

    void delete(RequestContext request, String queue, String claimId) {
        storage.claims().delete(request.projectId(), queue, claimId);
    }
}
