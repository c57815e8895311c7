package org.zaqar.api;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.HEAD;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The version list at {@code /}, the JSON home document, ping and (admin mode) health. */
final class ServiceResource {
    private final HealthCheck health;
    private final boolean adminMode;
    private final byte[] versions;
    private final byte[] home;

    /** @param deprecatedVersions the deprecated versions served ("1", "1.1"); only served versions are listed */
    ServiceResource(HealthCheck health, boolean adminMode, java.util.List<String> deprecatedVersions) {
        this.health = health;
        this.adminMode = adminMode;
        ObjectNode versionList = (ObjectNode) resource("versions.json");
        var listed = versionList.withArray("versions");
        for (int i = listed.size() - 1; i >= 0; i--) {
            JsonNode version = listed.get(i);
            if ("DEPRECATED".equals(version.path("status").asText())
                    && !deprecatedVersions.contains(version.path("id").asText())) {
                listed.remove(i);
            }
        }
        this.versions = versionList.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ObjectNode homeDocument = (ObjectNode) resource("home-v2.json");
        if (adminMode) {
            ((ObjectNode) homeDocument.get("resources")).setAll((ObjectNode) resource("home-v2-admin.json"));
        }
        try {
            this.home = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(homeDocument);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("home document not serializable", e);
        }
    }

    private static JsonNode resource(String name) {
        try (InputStream in = ServiceResource.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void register(Routes routes) {
        // Upstream answers the version list with 300 Multiple Choices, and never asks for credentials.
        routes.add(GET, "/", "Versions could not be listed.",
                (ctx, request) -> Json.contentType(ctx.status(300), Json.CONTENT_TYPE).result(versions));
        routes.add(GET, "/v2", "Home document could not be read.", (ctx, request) -> Json.contentType(ctx, "application/json-home")
                .header("Cache-Control", "max-age=86400").result(home));
        routes.add(GET, "/v2/ping", "Ping failed.", (ctx, request) -> ctx.status(health.alive() ? 204 : 503));
        routes.add(HEAD, "/v2/ping", "Ping failed.", (ctx, request) -> ctx.status(204));
        if (adminMode) {
            routes.add(GET, "/v2/health", "Health status could not be read.",
                    (ctx, request) -> Json.write(ctx, health.report()));
        }
    }
}
