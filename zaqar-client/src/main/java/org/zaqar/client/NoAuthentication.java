package org.zaqar.client;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** {@code X-Project-ID} (and {@code X-Roles}) on every request, for a server with {@code auth_strategy = noauth}. */
final class NoAuthentication extends Authentication {
    private final Map<String, String> headers;

    NoAuthentication(String projectId, List<String> roles) {
        this.headers = roles.isEmpty() ? Map.of("X-Project-ID", projectId)
                : Map.of("X-Project-ID", projectId, "X-Roles", String.join(",", roles));
    }

    @Override
    Map<String, String> headers(HttpClient http, Duration timeout) {
        return headers;
    }
}
