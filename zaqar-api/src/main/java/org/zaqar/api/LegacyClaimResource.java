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

/**
 * Claims in API v1.0 and v1.1 (upstream's v1_0 and v1_1 claims.py). v1.1 behaves as v2; v1.0
 * requires a body with both {@code ttl} and {@code grace} when claiming, renews with a grace of
 * 0 by default, and answers a claim with a bare array of messages.
 */
final class LegacyClaimResource {
    private final LegacyVersion version;
    private final Validator validator;
    private final MessageStorage storage;
    private final InstantSource clock;

    LegacyClaimResource(LegacyVersion version, Validator validator, MessageStorage storage, InstantSource clock) {
        this.version = version;
        this.validator = validator;
        this.storage = storage;
        this.clock = clock;
    }

    void register(Routes routes) {
        String claims = version.prefix() + "/queues/{queue_name}/claims";
        routes.add(POST, claims, "Claim could not be created.", LegacyVersion.lowerCaseHeaders(this::create));
        routes.add(GET, claims + "/{claim_id}", "Claim could not be queried.", LegacyVersion.lowerCaseHeaders(this::get));
        routes.add(PATCH, claims + "/{claim_id}", "Claim could not be updated.", LegacyVersion.lowerCaseHeaders(this::update));
        routes.add(DELETE, claims + "/{claim_id}", "Claim could not be deleted.", LegacyVersion.lowerCaseHeaders(this::delete));
    }

    private static String queue(Context ctx) {
        return ctx.pathParam(RequestGuard.QUEUE_NAME);
    }

    private void create(Context ctx, RequestContext request) {
        Integer limit = Params.integer(ctx, "limit");
        long ttl = validator.limits().defaultClaimTtl();
        long grace = validator.limits().defaultClaimGrace();
        if (version == LegacyVersion.V1) {
            JsonNode document = Json.requireObject(Json.readBody(ctx));
            ttl = Json.checkedInt(document, "ttl", null);
            grace = Json.checkedInt(document, "grace", null);
        } else if (ctx.contentLength() > 0) {
            JsonNode document = Json.requireObject(Json.readBody(ctx));
            ttl = Json.checkedInt(document, "ttl", ttl);
            grace = Json.checkedInt(document, "grace", grace);
        }
        validator.claimCreation(ttl, grace, limit);
        String queue = queue(ctx);
        Claim claim = storage.claims().create(request.projectId(), queue, new ClaimRequest((int) ttl, (int) grace,
                limit == null ? ClaimResource.DEFAULT_MESSAGES_PER_CLAIM : limit));
        if (claim.messages().isEmpty()) {
            ctx.status(204);
            return;
        }
        Instant now = clock.instant();
        ArrayNode messages = Json.MAPPER.createArrayNode();
        claim.messages().forEach(m -> messages.add(version.message(m, queue, claim.id(), now)));
        ctx.status(201).header("Location", version.queuePath(queue) + "/claims/" + claim.id());
        if (version == LegacyVersion.V1) {
            Json.write(ctx, messages);
        } else {
            ObjectNode body = Json.MAPPER.createObjectNode();
            body.set("messages", messages);
            Json.write(ctx, body);
        }
    }

    private void get(Context ctx, RequestContext request) {
        String queue = queue(ctx);
        Claim claim = storage.claims().get(request.projectId(), queue, ctx.pathParam("claim_id"));
        Instant now = clock.instant();
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("age", claim.ageSeconds(now));
        body.put("ttl", claim.ttl());
        ArrayNode messages = body.putArray("messages");
        claim.messages().forEach(m -> messages.add(version.message(m, queue, claim.id(), now)));
        body.put("href", version.queuePath(queue) + "/claims/" + claim.id());
        if (version == LegacyVersion.V1) {
            ctx.header("Content-Location", LegacyQueueResource.relativeUri(ctx));
        }
        Json.write(ctx, body);
    }

    private void update(Context ctx, RequestContext request) {
        JsonNode document = Json.requireObject(Json.readBody(ctx));
        boolean v1 = version == LegacyVersion.V1;
        long ttl = Json.checkedInt(document, "ttl", v1 ? null : (long) validator.limits().defaultClaimTtl());
        long grace = Json.checkedInt(document, "grace", v1 ? 0L : (long) validator.limits().defaultClaimGrace());
        validator.claimUpdating(ttl);
        storage.claims().update(request.projectId(), queue(ctx), ctx.pathParam("claim_id"), (int) ttl,
                (int) Math.max(0, Math.min(grace, Integer.MAX_VALUE)));
        ctx.status(204);
    }

    private void delete(Context ctx, RequestContext request) {
        storage.claims().delete(request.projectId(), queue(ctx), ctx.pathParam("claim_id"));
        ctx.status(204);
    }
}
