package org.zaqar.api;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.HEAD;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Home document, ping and health of API v1.0 and v1.1 (upstream's homedoc.py, ping.py,
 * health.py). v1.0 has a public health check that answers like v1.1's ping; v1.1's health is
 * the detailed admin report of v2.
 */
final class LegacyServiceResource {
    private final LegacyVersion version;
    private final HealthCheck health;
    private final boolean adminMode;

    LegacyServiceResource(LegacyVersion version, HealthCheck health, boolean adminMode) {
        this.version = version;
        this.health = health;
        this.adminMode = adminMode;
    }

    void register(Routes routes) {
        String prefix = version.prefix();
        byte[] home = Json.text(homeDocument()).getBytes(StandardCharsets.UTF_8);
        routes.add(GET, prefix, "Home document could not be read.", (ctx, request) ->
                Json.contentType(ctx, "application/json-home").header("Cache-Control", "max-age=86400").result(home));
        String ping = prefix + (version == LegacyVersion.V1 ? "/health" : "/ping");
        routes.add(GET, ping, "Ping failed.", (ctx, request) -> ctx.status(health.alive() ? 204 : 503));
        routes.add(HEAD, ping, "Ping failed.", (ctx, request) -> ctx.status(204));
        if (version == LegacyVersion.V1_1 && adminMode) {
            routes.add(GET, prefix + "/health", "Health status could not be read.",
                    (ctx, request) -> Json.write(ctx, health.report()));
        }
    }

    /** The JSON home document: each resource with its URI template and methods. */
    private ObjectNode homeDocument() {
        String queue = version.prefix() + "/queues/{queue_name}";
        Map<String, String[]> resources = new LinkedHashMap<>();
        resources.put("rel/queues", new String[] {version.prefix() + "/queues{?marker,limit,detailed}", "GET"});
        resources.put("rel/queue", new String[] {queue, version == LegacyVersion.V1 ? "GET, HEAD, PUT, DELETE"
                : "GET, PUT, DELETE"});
        if (version == LegacyVersion.V1) {
            resources.put("rel/queue-metadata", new String[] {queue + "/metadata", "GET, PUT"});
        }
        resources.put("rel/queue_stats", new String[] {queue + "/stats", "GET"});
        resources.put("rel/messages", new String[] {queue + "/messages{?marker,limit,echo,include_claimed}", "GET"});
        resources.put("rel/post_messages", new String[] {queue + "/messages", "POST"});
        resources.put("rel/messages_delete", new String[] {queue + "/messages{?ids,pop}", "DELETE"});
        resources.put("rel/message", new String[] {queue + "/messages/{message_id}{?claim}", "GET, DELETE"});
        resources.put("rel/post_claim", new String[] {queue + "/claims{?limit}", "POST"});
        resources.put("rel/claim", new String[] {queue + "/claims/{claim_id}", "GET, PATCH, DELETE"});
        resources.put(version == LegacyVersion.V1 ? "rel/health" : "rel/ping",
                new String[] {version.prefix() + (version == LegacyVersion.V1 ? "/health" : "/ping"), "GET, HEAD"});
        ObjectNode document = Json.MAPPER.createObjectNode();
        ObjectNode all = document.putObject("resources");
        resources.forEach((rel, spec) -> {
            ObjectNode resource = all.putObject(rel);
            resource.put("href-template", spec[0]);
            ObjectNode hints = resource.putObject("hints");
            var allow = hints.putArray("allow");
            for (String method : spec[1].split(", ")) {
                allow.add(method);
            }
            hints.putObject("formats").putObject("application/json");
        });
        return document;
    }
}
