package org.zaqar.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * oslo.policy's {@code http:} check against a real policy server (the JDK's HTTP server): what is
 * posted, and that only an answer of exactly {@code True} allows.
 */
class RemotePolicyCheckTest extends ApiTestSupport {
    /** One call the policy server received: its path, content type and decoded form. */
    private record Call(String path, String contentType, Map<String, String> form) {
    }

    private static HttpServer policyServer;
    private static final ConcurrentLinkedDeque<Call> CALLS = new ConcurrentLinkedDeque<>();

    @BeforeAll
    static void startPolicyServer() throws IOException {
        policyServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        policyServer.createContext("/check", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> form = new LinkedHashMap<>();
            for (String pair : body.split("&")) {
                String[] parts = pair.split("=", 2);
                form.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                        URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
            }
            CALLS.add(new Call(exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"), form));
            String roles = form.get("credentials");
            String answer = roles.contains("\"auditor\"") ? "True" : roles.contains("\"quoted\"") ? "\"True\""
                    : roles.contains("\"lower\"") ? "true" : roles.contains("\"spaced\"") ? "True\n" : "False";
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        policyServer.start();
    }

    @AfterAll
    static void stopPolicyServer() {
        policyServer.stop(0);
    }

    @BeforeEach
    void forgetCalls() {
        CALLS.clear();
    }

    private static String checkUrl() {
        return "http://127.0.0.1:" + policyServer.getAddress().getPort() + "/check";
    }

    @Override
    protected SecuritySettings security() {
        Path file = dir.resolve("policy.yaml");
        try {
            Files.writeString(file, """
                    queues:get_all: "%s"
                    queues:get: "role:admin or http://127.0.0.1:1/nobody-listens"
                    """.formatted(checkUrl()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SecuritySettings(null, null, file, CorsSettings.disabled());
    }

    @Test
    void postsRuleTargetAndCredentialsAsJsonInAForm() throws IOException {
        api().header("X-Roles", "auditor").header("X-User-ID", "u1").get("/v2/queues").then().statusCode(200);
        Call call = CALLS.getLast();
        assertEquals("/check", call.path());
        assertEquals("application/x-www-form-urlencoded", call.contentType());
        assertEquals(List.of("rule", "target", "credentials"), List.copyOf(call.form().keySet()));
        assertEquals("\"queues:get_all\"", call.form().get("rule"));
        assertEquals("{}", call.form().get("target"));
        JsonNode credentials = Json.MAPPER.readTree(call.form().get("credentials"));
        assertEquals(project, credentials.get("project_id").asText());
        assertEquals("auditor", credentials.get("roles").get(0).asText());
        assertEquals("u1", credentials.get("user").asText());
        assertEquals(CLIENT_ID, credentials.get("client_id").asText());
        assertTrue(credentials.get("auth_token").isNull(), "the token is never sent on");
    }

    @Test
    void onlyExactlyTrueAllows() {
        api().header("X-Roles", "auditor").get("/v2/queues").then().statusCode(200);
        api().header("X-Roles", "quoted").get("/v2/queues").then().statusCode(200);
        api().header("X-Roles", "lower").get("/v2/queues").then().statusCode(403);
        api().header("X-Roles", "spaced").get("/v2/queues").then().statusCode(403);
        api().get("/v2/queues").then().statusCode(403);
        assertEquals(5, CALLS.size());
    }

    @Test
    void anUnreachablePolicyServerDeniesWithoutFailingTheRequest() {
        createQueue("q1");
        api().get("/v2/queues/q1").then().statusCode(403);
        api().header("X-Roles", "admin").get("/v2/queues/q1").then().statusCode(200);
    }

    @Test
    void theUrlTakesTargetValuesAndAMissingOneDenies() {
        Map<String, Object> caller = new Identity("p1", null, Set.of("auditor"), null, null, null, null)
                .credentials(null, null);
        PolicyRules.Check check = PolicyRules.parse(checkUrl() + "/%(queue)s");
        assertTrue(check.allows(new PolicyRules.Evaluation("queues:get", Map.of("queue", "q1"), caller,
                name -> null, 0)));
        assertEquals("/check/q1", CALLS.getLast().path());
        assertEquals("{\"queue\":\"q1\"}", CALLS.getLast().form().get("target"));
        int calls = CALLS.size();
        assertTrue(!check.allows(new PolicyRules.Evaluation("queues:get", Map.of(), caller, name -> null, 0)));
        assertEquals(calls, CALLS.size(), "nothing is posted when the URL cannot be built");
    }
}
