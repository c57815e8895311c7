package org.zaqar.client;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Sends one API request: the identity headers, the JSON body, the retries the {@link RetryPolicy}
 * allows, one renewal of credentials on a 401, and any error answer turned into a {@link ZaqarException}.
 */
final class Transport {
    static final String JSON_TYPE = "application/json";
    private static final Set<String> REPEATABLE = Set.of("GET", "HEAD", "DELETE", "PUT");

    private final String endpoint;
    private final String clientId;
    private final Authentication authentication;
    private final RetryPolicy retry;
    private final HttpClient http;
    private final Duration timeout;

    Transport(URI endpoint, String clientId, Authentication authentication, RetryPolicy retry, HttpClient http,
              Duration timeout) {
        this.endpoint = endpoint.toString().replaceAll("/+$", "");
        this.clientId = clientId;
        this.authentication = authentication;
        this.retry = retry;
        this.http = http;
        this.timeout = timeout;
    }

    /** An answer below 400. */
    record Response(int status, String body, HttpHeaders headers) {
        JsonNode json() {
            JsonNode node = Json.parseOrNull(body);
            return node == null ? Json.MAPPER.createObjectNode() : node;
        }
    }

    /**
     * A request to send: {@code path} starts with the API version ({@code /v2/...}).
     *
     * @param repeatable whether sending it twice does no more than sending it once
     */
    record Request(String method, String path, Map<String, String> query, Object body, String contentType,
                   boolean repeatable) {
        static Request of(String method, String path) {
            return new Request(method, path, new LinkedHashMap<>(), null, JSON_TYPE, REPEATABLE.contains(method));
        }

        Request body(Object value) {
            return new Request(method, path, query, value, contentType, repeatable);
        }

        Request body(Object value, String type) {
            return new Request(method, path, query, value, type, repeatable);
        }

        /** The same request, never retried unless the caller opted in (a pop: a second one takes more messages). */
        Request notRepeatable() {
            return new Request(method, path, query, body, contentType, false);
        }

        /** Adds a query parameter unless {@code value} is null. */
        Request query(String name, Object value) {
            if (value != null) {
                query.put(name, value.toString());
            }
            return this;
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** One path segment (a queue, message or pool name), percent-encoded. */
    static String segment(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    Response send(Request request) {
        boolean repeatable = request.repeatable() || retry.retryPosts();
        boolean renewed = false;
        for (int attempt = 1; ; attempt++) {
            Map<String, String> identity = authentication.headers(http, timeout);
            HttpResponse<String> response;
            try {
                response = http.send(build(request, identity), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                if (repeatable && attempt < retry.maxAttempts()) {
                    pause(request, attempt);
                    continue;
                }
                throw new ZaqarException(request + " (attempt " + attempt + ")", 0, null, e.toString(), null, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ZaqarException(request.toString(), 0, null, "interrupted", null, e);
            }
            int status = response.statusCode();
            if (status == 401 && !renewed && authentication.renew(identity, http, timeout)) {
                renewed = true;
                attempt--;
                continue;
            }
            if (status == 503 && repeatable && attempt < retry.maxAttempts()) {
                pause(request, attempt);
                continue;
            }
            if (status >= 400) {
                throw error(request, response);
            }
            return new Response(status, response.body(), response.headers());
        }
    }

    private HttpRequest build(Request request, Map<String, String> identity) {
        StringBuilder uri = new StringBuilder(endpoint).append(request.path());
        if (!request.query().isEmpty()) {
            StringJoiner query = new StringJoiner("&", "?", "");
            request.query().forEach((name, value) ->
                    query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)));
            uri.append(query);
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(uri.toString())).timeout(timeout)
                .header("Client-ID", clientId).header("Accept", JSON_TYPE);
        identity.forEach(builder::header);
        if (request.body() == null) {
            builder.method(request.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", request.contentType())
                    .method(request.method(), HttpRequest.BodyPublishers.ofString(Json.write(request.body())));
        }
        return builder.build();
    }

    private void pause(Request request, int attempt) {
        long wait = retry.backoff(attempt).toMillis();
        long jitter = wait > 1 ? ThreadLocalRandom.current().nextLong(wait / 2 + 1) : 0;
        try {
            Thread.sleep(wait + jitter);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ZaqarException(request + " (waiting to retry)", 0, null, "interrupted", null, e);
        }
    }

    private static ZaqarException error(Request request, HttpResponse<String> response) {
        JsonNode body = Json.parseOrNull(response.body());
        String title = null;
        String description = response.body();
        if (body != null && body.isObject() && body.has("title")) {
            title = Json.text(body, "title");
            description = Json.text(body, "description");
        }
        String requestId = response.headers().firstValue("x-openstack-request-id").orElse(null);
        return new ZaqarException(request.toString(), response.statusCode(), title, description, requestId, null);
    }
}
