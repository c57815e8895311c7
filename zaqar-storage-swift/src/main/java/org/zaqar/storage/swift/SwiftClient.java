package org.zaqar.storage.swift;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.zaqar.core.error.ZaqarException;

/**
 * Swift's object API over the JDK HTTP client: one account, a token renewed when Swift answers
 * 401. Statuses a caller decides on (404, 409, 412) are returned; the rest of 4xx/5xx and I/O
 * failures become STORAGE_UNAVAILABLE with the request that failed.
 */
final class SwiftClient implements AutoCloseable {
    /** An answer: status, the headers Zaqar reads, the body. */
    record Reply(int status, java.net.http.HttpHeaders headers, String body) {
        boolean found() {
            return status / 100 == 2;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Swift's largest container listing page. */
    static final int LISTING_LIMIT = 10_000;

    private final HttpClient http;
    private final SwiftAuth auth;
    private volatile SwiftAuth.Session session;

    SwiftClient(SwiftOptions options) {
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10));
        if (options.insecure()) {
            builder.sslContext(trustingEverything());
        }
        this.http = builder.build();
        this.auth = new SwiftAuth(options, http);
    }

    Reply get(String container, String object) {
        return send("GET", path(container, object), Map.of(), null);
    }

    /** PUT of a JSON object; {@code headers} add conditions ({@code If-None-Match}) and expiry. */
    Reply put(String container, String object, String body, Map<String, String> headers) {
        return send("PUT", path(container, object), headers, body);
    }

    Reply delete(String container, String object) {
        return send("DELETE", path(container, object), Map.of(), null);
    }

    void putContainer(String container) {
        send("PUT", path(container, null), Map.of(), "");
    }

    void deleteContainer(String container) {
        send("DELETE", path(container, null), Map.of(), null);
    }

    /**
     * Object names of a container after {@code marker}, in name order, at most {@code limit}.
     * A missing container lists nothing.
     */
    List<String> list(String container, String marker, int limit) {
        StringBuilder query = new StringBuilder("?format=json&limit=").append(Math.min(limit, LISTING_LIMIT));
        if (marker != null) {
            query.append("&marker=").append(encode(marker));
        }
        return names(send("GET", path(container, null) + query, Map.of(), null));
    }

    /** Container names of the account that start with {@code prefix}, after {@code marker}. */
    List<String> containers(String prefix, String marker) {
        StringBuilder query = new StringBuilder("?format=json&prefix=").append(encode(prefix));
        if (marker != null) {
            query.append("&marker=").append(encode(marker));
        }
        return names(send("GET", query.toString(), Map.of(), null));
    }

    /** True when the proxy answers its {@code /info} (no auth needed). */
    boolean isAlive() {
        try {
            URI storage = URI.create(session().storageUrl());
            HttpRequest request = HttpRequest.newBuilder(storage.resolve("/info")).timeout(Duration.ofSeconds(5))
                    .GET().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException | RuntimeException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private List<String> names(Reply reply) {
        if (reply.status() == 404 || reply.status() == 204 || reply.body().isEmpty()) {
            return List.of();
        }
        try {
            List<String> names = new ArrayList<>();
            for (JsonNode entry : JSON.readTree(reply.body())) {
                names.add(entry.path("name").asText());
            }
            return names;
        } catch (IOException e) {
            throw ZaqarException.unavailable("Swift sent a container listing that is not JSON: " + e.getMessage(), e);
        }
    }

    private Reply send(String method, String path, Map<String, String> headers, String body) {
        SwiftAuth.Session current = session();
        Reply reply = sendOnce(method, current, path, headers, body);
        if (reply.status() == 401) {
            synchronized (this) {
                if (session == current) {
                    session = auth.authenticate();
                }
            }
            reply = sendOnce(method, session(), path, headers, body);
        }
        int status = reply.status();
        if (status >= 400 && status != 404 && status != 409 && status != 412) {
            throw ZaqarException.unavailable("Swift answered " + method + " " + path + " with HTTP " + status
                    + ": " + reply.body().strip(), null);
        }
        return reply;
    }

    private Reply sendOnce(String method, SwiftAuth.Session current, String path, Map<String, String> headers,
                           String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(current.storageUrl() + path))
                .timeout(TIMEOUT).header("X-Auth-Token", current.token())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null && !body.isEmpty()) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw ZaqarException.unavailable("Swift " + method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ZaqarException.unavailable("Interrupted during Swift " + method + " " + path, e);
        }
    }

    private SwiftAuth.Session session() {
        SwiftAuth.Session current = session;
        if (current == null) {
            synchronized (this) {
                if (session == null) {
                    session = auth.authenticate();
                }
                current = session;
            }
        }
        return current;
    }

    private static String path(String container, String object) {
        return "/" + encode(container) + (object == null ? "" : "/" + encode(object));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** For {@code insecure = true}: certificates are not checked, as upstream's option asks. */
    private static SSLContext trustingEverything() {
        TrustManager trustAll = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustAll}, new SecureRandom());
            return context;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("No TLS in this JDK", e);
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
