package org.zaqar.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zaqar.core.config.ZaqarConfig;

/**
 * {@code [drivers] transport = websocket}: the wired server answers WebSocket requests, and the
 * notifier pushes a message posted to a queue into the connection that subscribed to it.
 */
class WebSocketTransportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEADERS = "{\"Client-ID\": \"3381af92-2b9e-11e3-b191-71861300734c\", "
            + "\"X-Project-ID\": \"server-test\"}";

    @TempDir
    Path dir;

    private final LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();

    private JsonNode next() throws Exception {
        String frame = frames.poll(10, TimeUnit.SECONDS);
        if (frame == null) {
            throw new AssertionError("no frame within 10 s");
        }
        return JSON.readTree(frame);
    }

    private JsonNode send(WebSocket socket, String action, String body) throws Exception {
        socket.sendText("{\"action\": \"" + action + "\", \"headers\": " + HEADERS + ", \"body\": " + body + "}", true)
                .join();
        return next();
    }

    @Test
    void servesTheWebSocketApiAndPushesNotificationsToSubscribedConnections() throws Exception {
        ZaqarConfig config = ZaqarConfig.parse("""
                [drivers]
                transport = websocket
                [drivers:transport:websocket]
                bind = 127.0.0.1
                port = 0
                notification_bind = 127.0.0.1
                """ + SqliteServerConfig.stores(dir) + SqliteServerConfig.NOTIFIER_PIPELINE);
        try (ZaqarServer server = ZaqarServer.start(config, InstantSource.system())) {
            WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/"), new WebSocket.Listener() {
                        private final StringBuilder partial = new StringBuilder();

                        @Override
                        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                            partial.append(data);
                            if (last) {
                                frames.add(partial.toString());
                                partial.setLength(0);
                            }
                            webSocket.request(1);
                            return null;
                        }
                    }).join();
            assertEquals(201, send(socket, "queue_create", "{\"queue_name\": \"news\"}")
                    .path("headers").path("status").asInt());
            assertEquals(201, send(socket, "subscription_create", "{\"queue_name\": \"news\", \"ttl\": 600}")
                    .path("headers").path("status").asInt());
            assertEquals(201, send(socket, "message_post", "{\"queue_name\": \"news\", \"messages\": "
                    + "[{\"body\": {\"status\": \"disco queen\"}, \"ttl\": 60}]}").path("headers").path("status").asInt());

            JsonNode notification = next();
            assertEquals("Notification", notification.path("Message_Type").asText());
            assertEquals("news", notification.path("queue_name").asText());
            assertEquals("disco queen", notification.path("body").path("status").asText());
            assertEquals(60, notification.path("ttl").asInt());
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
        }
    }
}
