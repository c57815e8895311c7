package org.zaqar.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which requests are sent again. A load balancer in front of Zaqar that answers 503 while the
 * nodes restart is outside our control, so a JDK HTTP server plays it: it answers 503 to the
 * first {@code failures} requests, then as Zaqar would.
 */
class RetriesTest {
    private static final RetryPolicy QUICK = new RetryPolicy(4, Duration.ofMillis(10), Duration.ofMillis(40), false);

    private HttpServer front;
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final List<String> bodies = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startFront() throws IOException {
        front = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        front.createContext("/", this::answer);
        front.start();
    }

    @AfterEach
    void stopFront() {
        front.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (InputStream in = exchange.getRequestBody()) {
            bodies.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        if (failures.getAndDecrement() > 0) {
            send(exchange, 503, "{\"title\": \"Service Unavailable\", \"description\": \"restarting\"}");
        } else if (exchange.getRequestMethod().equals("POST")) {
            send(exchange, 201, "{\"resources\": [\"/v2/queues/q/messages/m1\"]}");
        } else {
            send(exchange, 200, "{\"queues\": [{\"name\": \"q\", \"href\": \"/v2/queues/q\"}], \"links\": [],"
                    + " \"messages\": []}");
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private ZaqarClient client(RetryPolicy policy) {
        return ZaqarClient.builder(URI.create("http://127.0.0.1:" + front.getAddress().getPort()))
                .authentication(Authentication.noAuth("retries")).retryPolicy(policy).build();
    }

    @Test
    void readsAreRetriedOn503UntilTheyGetThrough() {
        failures.set(2);
        try (ZaqarClient zaqar = client(QUICK)) {
            assertEquals("q", zaqar.queues().list().items().get(0).name());
        }
        assertEquals(3, requests.get());
    }

    @Test
    void retriesStopAfterMaxAttemptsWithTheLastError() {
        failures.set(100);
        try (ZaqarClient zaqar = client(QUICK)) {
            ZaqarException e = assertThrows(ZaqarException.class, () -> zaqar.queues().delete("q"));
            assertEquals(503, e.status());
            assertEquals("restarting", e.description());
        }
        assertEquals(4, requests.get());
    }

    @Test
    void postsAndPopsAreNotRetriedUnlessTheCallerOptsIn() {
        failures.set(1);
        try (ZaqarClient zaqar = client(QUICK)) {
            assertEquals(503, assertThrows(ZaqarException.class,
                    () -> zaqar.messages().post("q", List.of(NewMessage.of("once")))).status());
            assertEquals(1, requests.get());
            failures.set(1);
            assertEquals(503, assertThrows(ZaqarException.class, () -> zaqar.messages().pop("q", 1)).status());
            assertEquals(2, requests.get());
        }
        failures.set(1);
        try (ZaqarClient zaqar = client(QUICK.withRetriedPosts())) {
            assertEquals(List.of("m1"), zaqar.messages().post("q", List.of(NewMessage.of("twice"))));
        }
        assertEquals(4, requests.get());
    }

    @Test
    void theDedupIdIsSentOnlyWhenSet() {
        try (ZaqarClient zaqar = client(QUICK)) {
            zaqar.messages().post("q", List.of(NewMessage.of("plain"), NewMessage.of("marked").withDedupId("order-7")));
        }
        JsonNode messages = Json.parseOrNull(bodies.get(0)).get("messages");
        assertFalse(messages.get(0).has("dedup_id"), messages.toString());
        assertEquals("order-7", messages.get(1).get("dedup_id").asText());
    }

    @Test
    void aServerThatCannotBeReachedFailsWithStatusZeroAfterTheRetries() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (ZaqarClient zaqar = ZaqarClient.builder(URI.create("http://127.0.0.1:" + closedPort))
                .authentication(Authentication.noAuth("retries")).retryPolicy(QUICK).build()) {
            ZaqarException e = assertThrows(ZaqarException.class, () -> zaqar.queues().stats("q"));
            assertEquals(0, e.status());
            assertInstanceOf(IOException.class, e.getCause());
            assertTrue(e.getMessage().startsWith("GET /v2/queues/q/stats (attempt 4): no answer"), e.getMessage());
        }
    }
}
