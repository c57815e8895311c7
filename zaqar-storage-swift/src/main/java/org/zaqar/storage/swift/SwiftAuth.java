package org.zaqar.storage.swift;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.zaqar.core.error.ZaqarException;

/**
 * Obtains a token and the account's storage URL: from Keystone v3 with a password (the token's
 * catalog names the {@code object-store} endpoint), or from Swift's own v1.0 auth (tempauth).
 */
final class SwiftAuth {
    /** A token and the account URL it is good for. */
    record Session(String token, String storageUrl) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final SwiftOptions options;
    private final HttpClient http;

    SwiftAuth(SwiftOptions options, HttpClient http) {
        this.options = options;
        this.http = http;
    }

    Session authenticate() {
        try {
            return options.tempAuth() ? tempAuth() : keystone();
        } catch (IOException e) {
            throw ZaqarException.unavailable("Swift authentication at " + options.authUrl() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ZaqarException.unavailable("Interrupted while authenticating at " + options.authUrl(), e);
        }
    }

    private Session tempAuth() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(options.authUrl()).timeout(TIMEOUT).GET()
                .header("X-Auth-User", options.project() + ":" + options.user())
                .header("X-Auth-Key", options.password()).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw ZaqarException.unavailable("Swift v1.0 auth at " + options.authUrl() + " refused user "
                    + options.project() + ":" + options.user() + " with HTTP " + response.statusCode(), null);
        }
        String token = response.headers().firstValue("X-Auth-Token").orElse(null);
        String url = response.headers().firstValue("X-Storage-Url").orElse(null);
        if (token == null || url == null) {
            throw ZaqarException.unavailable("Swift v1.0 auth at " + options.authUrl()
                    + " answered without X-Auth-Token and X-Storage-Url", null);
        }
        return new Session(token, url);
    }

    private Session keystone() throws IOException, InterruptedException {
        Map<String, Object> userDomain = options.userDomainName() != null
                ? Map.of("name", options.userDomainName()) : Map.of("id", options.userDomainId());
        Map<String, Object> projectDomain = options.projectDomainName() != null
                ? Map.of("name", options.projectDomainName()) : Map.of("id", options.projectDomainId());
        Map<String, Object> body = Map.of("auth", Map.of(
                "identity", Map.of("methods", List.of("password"), "password", Map.of("user", Map.of(
                        "name", options.user(), "domain", userDomain, "password", options.password()))),
                "scope", Map.of("project", Map.of("name", options.project(), "domain", projectDomain))));
        String base = options.authUrl().toString().replaceAll("/+$", "");
        URI tokens = URI.create(base + "/auth/tokens");
        HttpRequest request = HttpRequest.newBuilder(tokens).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw ZaqarException.unavailable("Keystone at " + tokens + " refused user " + options.user()
                    + " of project " + options.project() + " with HTTP " + response.statusCode(), null);
        }
        String token = response.headers().firstValue("X-Subject-Token").orElseThrow();
        return new Session(token, objectStoreEndpoint(JSON.readTree(response.body()), tokens));
    }

    /** The object-store endpoint of the wanted interface (and region, when set) in the token's catalog. */
    private String objectStoreEndpoint(JsonNode token, URI tokens) {
        String wanted = options.interfaceName().toLowerCase(Locale.ROOT).replace("url", "");
        for (JsonNode service : token.path("token").path("catalog")) {
            if (!"object-store".equals(service.path("type").asText())) {
                continue;
            }
            for (JsonNode endpoint : service.path("endpoints")) {
                boolean region = options.regionName() == null
                        || options.regionName().equals(endpoint.path("region_id").asText())
                        || options.regionName().equals(endpoint.path("region").asText());
                if (region && wanted.equals(endpoint.path("interface").asText())) {
                    return endpoint.path("url").asText();
                }
            }
        }
        throw ZaqarException.unavailable("The catalog Keystone at " + tokens + " returned has no object-store "
                + "endpoint with interface " + wanted + (options.regionName() == null ? ""
                : " in region " + options.regionName()), null);
    }
}
