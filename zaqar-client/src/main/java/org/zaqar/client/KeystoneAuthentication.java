package org.zaqar.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A project-scoped Keystone v3 token in {@code X-Auth-Token}, obtained with a password or an
 * existing token, and obtained again a little before it expires or when Zaqar refuses it.
 */
final class KeystoneAuthentication extends Authentication {
    /** Renew this long before expiry at most, so that a token does not expire on the way to Zaqar. */
    private static final Duration LONGEST_MARGIN = Duration.ofSeconds(30);
    private static final String TOKEN_HEADER = "X-Auth-Token";

    private final URI tokensUrl;
    private final String requestBody;
    /** Not synchronized: a virtual thread waiting on Keystone under a monitor would pin its carrier (JDK 21). */
    private final ReentrantLock lock = new ReentrantLock();
    private String token;
    private Instant renewAt = Instant.MIN;

    KeystoneAuthentication(URI authUrl, ObjectNode identity, String projectName, String projectDomainName) {
        String base = Objects.requireNonNull(authUrl, "authUrl").toString().replaceAll("/+$", "");
        this.tokensUrl = URI.create((base.endsWith("/v3") ? base : base + "/v3") + "/auth/tokens");
        ObjectNode auth = Json.MAPPER.createObjectNode();
        auth.set("identity", identity);
        auth.putObject("scope").putObject("project").put("name", Objects.requireNonNull(projectName, "projectName"))
                .putObject("domain").put("name", projectDomainName);
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("auth", auth);
        this.requestBody = body.toString();
    }

    static ObjectNode passwordIdentity(String userName, String userDomainName, String password) {
        ObjectNode identity = Json.MAPPER.createObjectNode();
        identity.putArray("methods").add("password");
        ObjectNode user = identity.putObject("password").putObject("user");
        user.put("name", Objects.requireNonNull(userName, "userName"))
                .put("password", Objects.requireNonNull(password, "password"));
        user.putObject("domain").put("name", userDomainName);
        return identity;
    }

    static ObjectNode tokenIdentity(String token) {
        ObjectNode identity = Json.MAPPER.createObjectNode();
        identity.putArray("methods").add("token");
        identity.putObject("token").put("id", Objects.requireNonNull(token, "token"));
        return identity;
    }

    @Override
    Map<String, String> headers(HttpClient http, Duration timeout) {
        lock.lock();
        try {
            if (token == null || !Instant.now().isBefore(renewAt)) {
                authenticate(http, timeout);
            }
            return Map.of(TOKEN_HEADER, token);
        } finally {
            lock.unlock();
        }
    }

    @Override
    boolean renew(Map<String, String> rejected, HttpClient http, Duration timeout) {
        lock.lock();
        try {
            // Another request may have renewed the token since this one was sent: then just send it again.
            if (token == null || token.equals(rejected.get(TOKEN_HEADER))) {
                authenticate(http, timeout);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void authenticate(HttpClient http, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(tokensUrl).timeout(timeout)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(requestBody)).build();
        String what = "POST " + tokensUrl;
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ZaqarException(what, 0, null, e.toString(), null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ZaqarException(what, 0, null, "interrupted", null, e);
        }
        JsonNode body = Json.parseOrNull(response.body());
        if (response.statusCode() != 201) {
            JsonNode error = body == null ? null : body.get("error");
            throw new ZaqarException(what, response.statusCode(), error == null ? null : error.path("title").asText(),
                    error == null ? response.body() : error.path("message").asText(), null, null);
        }
        String issued = response.headers().firstValue("X-Subject-Token").orElse(null);
        if (issued == null || body == null) {
            throw new ZaqarException(what, 201, null, "Keystone sent no X-Subject-Token or no token body", null, null);
        }
        token = issued;
        renewAt = renewalTime(body.path("token"));
    }

    /** A little before the token expires: a tenth of its life before, at most {@link #LONGEST_MARGIN}. */
    private static Instant renewalTime(JsonNode token) {
        try {
            Instant issued = Instant.parse(token.path("issued_at").asText());
            Instant expires = Instant.parse(token.path("expires_at").asText());
            Duration margin = Duration.between(issued, expires).dividedBy(10);
            return expires.minus(margin.compareTo(LONGEST_MARGIN) > 0 ? LONGEST_MARGIN : margin);
        } catch (DateTimeParseException e) {
            // No usable expiry: keep the token until Zaqar refuses it.
            return Instant.MAX;
        }
    }
}
