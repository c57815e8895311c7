package org.zaqar.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.core.notify.IdentityService;

/**
 * Keystone v3 for subscriptions, as upstream's {@code zaqar/common/auth.py}: trusts from the
 * requesting user to the {@code [trustee]} user ({@code POST /v3/OS-TRUST/trusts} with the user's
 * own token), trust-scoped tokens for the trustee (password auth scoped to
 * {@code OS-TRUST:trust}), and Zaqar's public endpoints from the catalog the
 * {@code [keystone_authtoken]} service user sees. Tokens are never logged.
 */
public final class KeystoneIdentity implements IdentityService {
    private static final Logger LOG = LoggerFactory.getLogger(KeystoneIdentity.class);
    private static final DateTimeFormatter KEYSTONE_TIME = DateTimeFormatter
            .ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    /** A cached trust token is used until this long before it expires. */
    private static final Duration RENEW_MARGIN = Duration.ofSeconds(30);
    private static final long MAX_CACHED_TOKENS = 10_000;

    private record TrustToken(String value, Instant renewAt) {
    }

    private final TrusteeSettings trustee;
    private final KeystoneSettings service;
    private final InstantSource clock;
    private final HttpClient trusteeHttp;
    private final HttpClient serviceHttp;
    private final Cache<String, TrustToken> trustTokens;
    private volatile String trusteeUserId;
    private volatile Map<String, String> endpoints = Map.of();

    /**
     * @param trustee null when {@code [trustee]} is not configured: trusts then fail, as upstream
     * @param service null without {@code [keystone_authtoken]}: no endpoint is then known
     */
    public KeystoneIdentity(TrusteeSettings trustee, KeystoneSettings service, InstantSource clock) {
        this.trustee = trustee;
        this.service = service;
        this.clock = clock;
        // upstream asks Keystone with [trustee]'s session for trusts, with [keystone_authtoken]'s for the catalog
        this.trusteeHttp = trustee == null ? null : client(trustee.timeout(), trustee.tls());
        this.serviceHttp = service == null ? null : client(service.timeout(), service.tls());
        this.trustTokens = Caffeine.newBuilder()
                .executor(Runnable::run) // maintenance on the calling thread, not a common-pool task per write
                .maximumSize(MAX_CACHED_TOKENS).build();
        if (trustee != null) {
            trusteeUserId = trustee.userId();
        }
    }

    private static HttpClient client(Duration timeout, KeystoneTls tls) {
        return tls.applyTo(HttpClient.newBuilder().connectTimeout(timeout)).build();
    }

    @Override
    public String createTrust(Trustor trustor, String projectId, Instant expiresAt) {
        TrusteeSettings settings = requireTrustee();
        ObjectNode trust = Json.MAPPER.createObjectNode();
        ObjectNode fields = trust.putObject("trust");
        fields.put("trustor_user_id", trustor.userId()).put("trustee_user_id", trusteeUserId(settings))
                .put("project_id", projectId).put("impersonation", true);
        if (!trustor.roleNames().isEmpty()) {
            trustor.roleNames().forEach(name -> fields.withArray("roles").addObject().put("name", name));
        }
        if (expiresAt != null) {
            fields.put("expires_at", KEYSTONE_TIME.format(expiresAt));
        }
        HttpResponse<String> response = post(trusteeHttp, settings.authUrl(), "/v3/OS-TRUST/trusts", trust,
                trustor.token(), settings.timeout());
        if (response.statusCode() != 201) {
            throw ZaqarException.unavailable("Keystone refused to create a trust from user " + trustor.userId()
                    + ": HTTP " + response.statusCode() + " " + response.body(), null);
        }
        String id = read(response).path("trust").path("id").asText();
        LOG.info("Created trust {} from user {} to the trustee on project {}", id, trustor.userId(), projectId);
        return id;
    }

    @Override
    public String trustToken(String trustId) {
        TrusteeSettings settings = requireTrustee();
        TrustToken cached = trustTokens.getIfPresent(trustId);
        if (cached != null && cached.renewAt().isAfter(clock.instant())) {
            return cached.value();
        }
        ObjectNode scope = Json.MAPPER.createObjectNode();
        scope.putObject("OS-TRUST:trust").put("id", trustId);
        HttpResponse<String> response = authenticate(settings, scope);
        String token = response.headers().firstValue("X-Subject-Token").orElse(null);
        if (response.statusCode() != 201 || token == null) {
            throw ZaqarException.unavailable("Keystone refused a token for trust " + trustId + " to the trustee: HTTP "
                    + response.statusCode(), null);
        }
        Instant expires = expiresAt(read(response));
        Duration life = Duration.between(clock.instant(), expires);
        Duration margin = life.dividedBy(10).compareTo(RENEW_MARGIN) < 0 ? life.dividedBy(10) : RENEW_MARGIN;
        trustTokens.put(trustId, new TrustToken(token, expires.minus(margin)));
        return token;
    }

    /** As upstream, found once and kept: the catalog's public URLs of services "zaqar" and "zaqar-websocket". */
    @Override
    public Map<String, String> publicEndpoints() {
        if (!endpoints.isEmpty() || service == null) {
            return endpoints;
        }
        ObjectNode scope = Json.MAPPER.createObjectNode();
        scope.putObject("project").put("name", service.projectName()).putObject("domain")
                .put("name", service.projectDomainName());
        ObjectNode body = passwordAuth(null, service.username(), null, service.userDomainName(), service.password(), scope);
        HttpResponse<String> response = post(serviceHttp, service.authUrl(), "/v3/auth/tokens", body, null,
                service.timeout());
        if (response.statusCode() != 201) {
            LOG.warn("Keystone refused the [keystone_authtoken] credentials (HTTP {}); Zaqar's endpoints are unknown",
                    response.statusCode());
            return endpoints;
        }
        Map<String, String> found = new LinkedHashMap<>();
        for (JsonNode entry : read(response).path("token").path("catalog")) {
            String name = entry.path("name").asText();
            if (!name.equals("zaqar") && !name.equals("zaqar-websocket")) {
                continue;
            }
            for (JsonNode endpoint : entry.path("endpoints")) {
                if (endpoint.path("interface").asText().equals("public")) {
                    found.putIfAbsent(name, endpoint.path("url").asText());
                }
            }
        }
        endpoints = Map.copyOf(found);
        return endpoints;
    }

    private TrusteeSettings requireTrustee() {
        if (trustee == null) {
            throw ZaqarException.unavailable("no Keystone trustee is configured ([trustee] auth_url)", null);
        }
        return trustee;
    }

    /** As upstream, the trustee's id is what Keystone says when it authenticates (unless configured). */
    private String trusteeUserId(TrusteeSettings settings) {
        String id = trusteeUserId;
        if (id != null) {
            return id;
        }
        ObjectNode scope = null;
        if (settings.projectId() != null || settings.projectName() != null) {
            scope = Json.MAPPER.createObjectNode();
            ObjectNode project = scope.putObject("project");
            putNamed(project, settings.projectId(), settings.projectName(), settings.projectDomainId(),
                    settings.projectDomainName());
        }
        HttpResponse<String> response = authenticate(settings, scope);
        if (response.statusCode() != 201) {
            throw ZaqarException.unavailable("Keystone refused the [trustee] credentials (user "
                    + (settings.userId() != null ? settings.userId() : settings.username()) + "): HTTP "
                    + response.statusCode(), null);
        }
        id = read(response).path("token").path("user").path("id").asText();
        trusteeUserId = id;
        return id;
    }

    private HttpResponse<String> authenticate(TrusteeSettings settings, ObjectNode scope) {
        return post(trusteeHttp, settings.authUrl(), "/v3/auth/tokens", passwordAuth(settings.userId(), settings.username(),
                settings.userDomainId(), settings.userDomainName(), settings.password(), scope), null, settings.timeout());
    }

    private static ObjectNode passwordAuth(String userId, String username, String domainId, String domainName,
                                           String password, ObjectNode scope) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        ObjectNode auth = body.putObject("auth");
        ObjectNode identity = auth.putObject("identity");
        identity.putArray("methods").add("password");
        ObjectNode user = identity.putObject("password").putObject("user");
        putNamed(user, userId, username, domainId, domainName);
        user.put("password", password);
        if (scope != null) {
            auth.set("scope", scope);
        }
        return body;
    }

    /** A Keystone user or project: by id, or by name within a domain given by id or name. */
    private static void putNamed(ObjectNode node, String id, String name, String domainId, String domainName) {
        if (id != null) {
            node.put("id", id);
            return;
        }
        node.put("name", name);
        if (domainId != null) {
            node.putObject("domain").put("id", domainId);
        } else if (domainName != null) {
            node.putObject("domain").put("name", domainName);
        }
    }

    private static HttpResponse<String> post(HttpClient http, String authUrl, String path, ObjectNode body, String token,
                                             Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base(authUrl) + path)).timeout(timeout)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.text(body), StandardCharsets.UTF_8));
        if (token != null) {
            request.header("X-Auth-Token", token);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw ZaqarException.unavailable("Keystone at " + authUrl + " is unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ZaqarException.unavailable("interrupted while waiting for Keystone", e);
        }
    }

    /** The Keystone root: {@code auth_url} is accepted with or without "/v3", as keystoneauth does. */
    private static String base(String authUrl) {
        String base = authUrl.replaceAll("/+$", "");
        return base.endsWith("/v3") ? base.substring(0, base.length() - 3) : base;
    }

    private static JsonNode read(HttpResponse<String> response) {
        try {
            return Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw ZaqarException.unavailable("Keystone's answer could not be read", e);
        }
    }

    private static Instant expiresAt(JsonNode answer) {
        try {
            return OffsetDateTime.parse(answer.path("token").path("expires_at").asText()).toInstant();
        } catch (DateTimeParseException e) {
            throw ZaqarException.unavailable("Keystone's token answer has no readable expires_at", e);
        }
    }
}
