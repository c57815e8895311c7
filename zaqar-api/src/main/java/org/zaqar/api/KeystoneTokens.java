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
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

import javax.net.ssl.SSLException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zaqar.core.notify.IdentityService;

/**
 * Validates user tokens against Keystone v3 the way keystonemiddleware does: the service
 * authenticates itself ({@code POST /v3/auth/tokens}, password, project scoped), then asks
 * {@code GET /v3/auth/tokens} with its own token in {@code X-Auth-Token} and the user's in
 * {@code X-Subject-Token}. Valid tokens are cached until they expire or {@code token_cache_time}
 * passes, whichever is first. Tokens are never logged.
 */
final class KeystoneTokens {
    private static final Logger LOG = LoggerFactory.getLogger(KeystoneTokens.class);
    private static final long MAX_CACHED_TOKENS = 10_000;
    /** Renew the service token this long before Keystone says it expires (at most a tenth of its life). */
    private static final Duration RENEW_MARGIN = Duration.ofSeconds(30);

    /** The user token is not valid (missing, garbage, expired, revoked): answer 401. */
    static final class InvalidToken extends Exception {
        InvalidToken(String message) {
            super(message, null, false, false);
        }
    }

    /** Keystone could not answer: answer 503, never let the request through. */
    static final class Unavailable extends Exception {
        Unavailable(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }

    /** A valid token: whom it stands for, and until when. */
    record Validated(Identity identity, Instant expiresAt) {
    }

    /** The service's own token, and when to renew it: shortly before it expires. */
    private record ServiceToken(String value, Instant renewAt) {
    }

    private final KeystoneSettings settings;
    private final InstantSource clock;
    private final URI tokensUri;
    private final HttpClient http;
    private final Cache<String, Validated> cache;
    private final ReentrantLock serviceTokenLock = new ReentrantLock();
    private volatile ServiceToken serviceToken;

    KeystoneTokens(KeystoneSettings settings, InstantSource clock) {
        this.settings = settings;
        this.clock = clock;
        String base = settings.authUrl().replaceAll("/+$", "");
        if (base.endsWith("/v3")) {
            base = base.substring(0, base.length() - 3);
        }
        this.tokensUri = URI.create(base + "/v3/auth/tokens");
        this.http = settings.tls().applyTo(HttpClient.newBuilder().connectTimeout(settings.timeout())).build();
        this.cache = Caffeine.newBuilder()
                .executor(Runnable::run) // maintenance on the calling thread, not a common-pool task per write
                .maximumSize(MAX_CACHED_TOKENS)
                .ticker(() -> clock.millis() * 1_000_000L)
                .expireAfter(new Expiry<String, Validated>() {
                    @Override
                    public long expireAfterCreate(String token, Validated value, long currentTime) {
                        Duration untilExpiry = Duration.between(clock.instant(), value.expiresAt());
                        Duration trusted = untilExpiry.compareTo(settings.tokenCacheTime()) < 0
                                ? untilExpiry : settings.tokenCacheTime();
                        return Math.max(0, trusted.toNanos());
                    }

                    @Override
                    public long expireAfterUpdate(String token, Validated value, long currentTime, long duration) {
                        return expireAfterCreate(token, value, currentTime);
                    }

                    @Override
                    public long expireAfterRead(String token, Validated value, long currentTime, long duration) {
                        return duration;
                    }
                })
                .build();
    }

    /** The identity a user token stands for. */
    Identity validate(String userToken) throws InvalidToken, Unavailable {
        return validateUntil(userToken).identity();
    }

    /** The identity a user token stands for, and when the token expires. */
    Validated validateUntil(String userToken) throws InvalidToken, Unavailable {
        if (userToken == null || userToken.isBlank()) {
            throw new InvalidToken("no X-Auth-Token");
        }
        Validated cached = cache.getIfPresent(userToken);
        if (cached != null && cached.expiresAt().isAfter(clock.instant())) {
            return cached;
        }
        Validated validated = fetch(userToken, true);
        if (!validated.expiresAt().isAfter(clock.instant())) {
            throw new InvalidToken("token expired");
        }
        cache.put(userToken, validated);
        return validated;
    }

    private Validated fetch(String userToken, boolean mayRenew) throws InvalidToken, Unavailable {
        String service = serviceToken();
        HttpRequest request = HttpRequest.newBuilder(tokensUri).timeout(settings.timeout()).GET()
                .header("X-Auth-Token", service).header("X-Subject-Token", userToken)
                .header("Accept", "application/json").build();
        HttpResponse<String> response = send(request);
        switch (response.statusCode()) {
            case 200 -> {
                return parseValidation(userToken, response.body());
            }
            case 404 -> throw new InvalidToken("Keystone does not know the token");
            case 401 -> {
                if (!mayRenew) {
                    throw new Unavailable("Keystone refused the renewed service token", null);
                }
                LOG.info("Keystone refused the service token (expired or revoked); renewing it and retrying once");
                invalidateServiceToken(service);
                return fetch(userToken, false);
            }
            case 400, 403 -> throw new InvalidToken("Keystone refused the token (" + response.statusCode() + ")");
            default -> throw new Unavailable("Keystone answered " + response.statusCode()
                    + " to a token validation", null);
        }
    }

    private Validated parseValidation(String userToken, String body) throws Unavailable {
        try {
            JsonNode token = Json.MAPPER.readTree(body).path("token");
            List<String> roleNames = new ArrayList<>();
            token.path("roles").forEach(role -> roleNames.add(role.path("name").asText()));
            Set<String> roles = new LinkedHashSet<>();
            roleNames.forEach(name -> roles.add(name.toLowerCase(Locale.ROOT)));
            Instant expires = OffsetDateTime.parse(token.path("expires_at").asText()).toInstant();
            String user = id(token.path("user"));
            return new Validated(new Identity(id(token.path("project")), user, Set.copyOf(roles),
                    id(token.path("domain")), id(token.path("user").path("domain")),
                    id(token.path("project").path("domain")),
                    new IdentityService.Trustor(user, userToken, List.copyOf(roleNames))), expires);
        } catch (IOException | DateTimeParseException e) {
            throw new Unavailable("Keystone's token validation answer could not be read", e);
        }
    }

    private static String id(JsonNode node) {
        return Optional.ofNullable(node.get("id")).map(JsonNode::asText).orElse(null);
    }

    /** The service's own token, obtained once and renewed shortly before it expires or when refused. */
    private String serviceToken() throws Unavailable {
        ServiceToken current = serviceToken;
        if (current != null && current.renewAt().isAfter(clock.instant())) {
            return current.value();
        }
        serviceTokenLock.lock();
        try {
            current = serviceToken;
            if (current != null && current.renewAt().isAfter(clock.instant())) {
                return current.value();
            }
            serviceToken = requestServiceToken();
            return serviceToken.value();
        } finally {
            serviceTokenLock.unlock();
        }
    }

    private void invalidateServiceToken(String refused) {
        serviceTokenLock.lock();
        try {
            if (serviceToken != null && serviceToken.value().equals(refused)) {
                serviceToken = null;
            }
        } finally {
            serviceTokenLock.unlock();
        }
    }

    private ServiceToken requestServiceToken() throws Unavailable {
        ObjectNode auth = Json.MAPPER.createObjectNode();
        ObjectNode identity = auth.putObject("auth").putObject("identity");
        identity.putArray("methods").add("password");
        ObjectNode user = identity.putObject("password").putObject("user");
        user.put("name", settings.username()).put("password", settings.password());
        user.putObject("domain").put("name", settings.userDomainName());
        ObjectNode project = ((ObjectNode) auth.get("auth")).putObject("scope").putObject("project");
        project.put("name", settings.projectName());
        project.putObject("domain").put("name", settings.projectDomainName());
        HttpRequest request = HttpRequest.newBuilder(tokensUri).timeout(settings.timeout())
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.text(auth), StandardCharsets.UTF_8)).build();
        HttpResponse<String> response = send(request);
        Optional<String> token = response.headers().firstValue("X-Subject-Token");
        if (response.statusCode() != 201 || token.isEmpty()) {
            throw new Unavailable("Keystone refused the service credentials of [keystone_authtoken] (user '"
                    + settings.username() + "', project '" + settings.projectName() + "'): HTTP "
                    + response.statusCode(), null);
        }
        try {
            Instant expires = OffsetDateTime.parse(Json.MAPPER.readTree(response.body())
                    .path("token").path("expires_at").asText()).toInstant();
            LOG.info("Obtained a Keystone service token for user '{}' (expires {})", settings.username(), expires);
            Duration life = Duration.between(clock.instant(), expires);
            Duration margin = life.dividedBy(10).compareTo(RENEW_MARGIN) < 0 ? life.dividedBy(10) : RENEW_MARGIN;
            return new ServiceToken(token.get(), expires.minus(margin));
        } catch (IOException | DateTimeParseException e) {
            throw new Unavailable("Keystone's service token answer could not be read", e);
        }
    }

    private HttpResponse<String> send(HttpRequest request) throws Unavailable {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (SSLException e) {
            throw new Unavailable("Keystone at " + tokensUri + " failed the TLS handshake (" + e.getMessage()
                    + "); with a private CA set [keystone_authtoken] cafile (TLS: " + settings.tls() + ")", e);
        } catch (IOException e) {
            throw new Unavailable("Keystone at " + tokensUri + " is unreachable: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while waiting for Keystone", e);
        }
    }
}
