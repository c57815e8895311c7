package org.zaqar.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Subscriptions and topics through the client; a webhook on a JDK HTTP server receives the notifications. */
class SubscriptionsAndTopicsTest {
    private static TestServer server;
    private static ZaqarClient zaqar;
    private static HttpServer hook;
    private static final LinkedBlockingQueue<String> notified = new LinkedBlockingQueue<>();

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("");
        zaqar = server.client("subscriptions-test");
        hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                notified.add(new String(body.readAllBytes(), StandardCharsets.UTF_8));
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        hook.start();
    }

    @AfterAll
    static void stop() {
        hook.stop(0);
        zaqar.close();
        server.close();
    }

    private static String hookUrl(String path) {
        return "http://127.0.0.1:" + hook.getAddress().getPort() + path;
    }

    @Test
    void subscriptionsAreCreatedListedReadUpdatedConfirmedAndDeleted() {
        zaqar.queues().create("watched");
        String id = zaqar.subscriptions().create("watched", hookUrl("/a"), 3600, Map.of("post_data", "{}"));
        String other = zaqar.subscriptions().create("watched", hookUrl("/b"), 3600, Map.of());

        Page<Subscription> page = zaqar.subscriptions().list("watched", null, 1);
        assertEquals(1, page.items().size());
        assertEquals(1, zaqar.subscriptions().list("watched", page.nextMarker(), 1).items().size());

        Subscription read = zaqar.subscriptions().get("watched", id);
        assertEquals("watched", read.source());
        assertEquals(hookUrl("/a"), read.subscriber());
        assertEquals(3600, read.ttl());
        assertEquals("{}", read.options().get("post_data"));

        zaqar.subscriptions().update("watched", id, Map.of("ttl", 7200, "options", Map.of("color", "red")));
        Subscription updated = zaqar.subscriptions().get("watched", id);
        assertEquals(7200, updated.ttl());
        assertEquals("red", updated.options().get("color"));

        zaqar.subscriptions().confirm("watched", id, true);
        assertTrue(zaqar.subscriptions().get("watched", id).confirmed());
        zaqar.subscriptions().confirm("watched", id, false);
        assertFalse(zaqar.subscriptions().get("watched", id).confirmed());

        zaqar.subscriptions().delete("watched", id);
        assertEquals(List.of(other), zaqar.subscriptions().list("watched", null, null).items().stream()
                .map(Subscription::id).toList());
    }

    @Test
    void aTopicsMessagesGoToItsSubscribers() throws Exception {
        assertTrue(zaqar.topics().create("news", Map.of("kind", "daily")));
        assertEquals("daily", zaqar.topics().metadata("news").get("kind"));
        assertEquals(List.of("news"), zaqar.topics().list(null, null, false).items().stream()
                .map(QueueSummary::name).toList());
        zaqar.topics().updateMetadata("news", List.of(MetadataChange.add("kind", "weekly")));
        assertEquals("weekly", zaqar.topics().list(null, null, true).items().get(0).metadata().get("kind"));

        String id = zaqar.topicSubscriptions().create("news", hookUrl("/news"), 3600, Map.of());
        assertEquals("news", zaqar.topicSubscriptions().get("news", id).source());
        notified.clear();
        zaqar.topicMessages().post("news", List.of(NewMessage.of(Map.of("headline", "client released"))));
        String delivered = notified.poll(20, TimeUnit.SECONDS);
        assertNotNull(delivered, "the subscriber was notified");
        assertTrue(delivered.contains("client released"), delivered);
        assertEquals(1, zaqar.topics().stats("news").total());

        zaqar.topics().delete("news");
        assertTrue(zaqar.topics().list().items().isEmpty());
    }
}
