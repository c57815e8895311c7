package org.zaqar.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The v2 calls of one client of one project, to whichever API node (by port) it is handed, as
 * behind a load balancer.
 */
final class ProjectClient {
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String project;

    ProjectClient(String prefix) {
        this.project = prefix + "-" + UUID.randomUUID();
    }

    String project() {
        return project;
    }

    HttpResponse<String> send(int port, String method, String path, String body) throws IOException {
        return send(port, method, path, body, Map.of());
    }

    /** One request; {@code headers} add to (or replace) the project's identity headers. */
    HttpResponse<String> send(int port, String method, String path, String body, Map<String, String> headers)
            throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Client-ID", "3381af92-2b9e-11e3-b191-71861300734c")
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (!headers.containsKey("X-Project-ID")) {
            request.header("X-Project-ID", project);
        }
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + method + " " + path, e);
        }
    }

    /** Posts {@code count} messages with {@code ttl} in one request; answers their ids. */
    List<String> post(int port, String queue, int count, int ttl) throws IOException {
        StringBuilder messages = new StringBuilder();
        for (int n = 0; n < count; n++) {
            messages.append(n == 0 ? "" : ",").append("{\"ttl\": ").append(ttl).append(", \"body\": ").append(n)
                    .append('}');
        }
        HttpResponse<String> posted = send(port, "POST", "/v2/queues/" + queue + "/messages",
                "{\"messages\": [" + messages + "]}");
        assertEquals(201, posted.statusCode(), posted.body());
        List<String> ids = new ArrayList<>();
        for (JsonNode href : JSON.readTree(posted.body()).path("resources")) {
            ids.add(href.asText().substring(href.asText().lastIndexOf('/') + 1));
        }
        return ids;
    }

    /** Claims up to {@code limit} messages; answers them (none on 204). */
    JsonNode claim(int port, String queue, int limit, int ttl) throws IOException {
        HttpResponse<String> claim = send(port, "POST", "/v2/queues/" + queue + "/claims?limit=" + limit,
                "{\"ttl\": " + ttl + ", \"grace\": 60}");
        assertTrue(claim.statusCode() == 201 || claim.statusCode() == 204, claim.statusCode() + " " + claim.body());
        return claim.statusCode() == 204 ? JSON.createArrayNode() : JSON.readTree(claim.body()).path("messages");
    }

    /** The number of messages in {@code queue}, claimed or not. */
    int total(int port, String queue) throws IOException {
        HttpResponse<String> stats = send(port, "GET", "/v2/queues/" + queue + "/stats", null);
        assertEquals(200, stats.statusCode(), stats.body());
        return JSON.readTree(stats.body()).path("messages").path("total").asInt();
    }
}
