package org.zaqar.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A real WebSocket client (the JDK's) that sends requests and hands back each frame the server sends. */
final class WebSocketClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final BlockingQueue<Integer> closes = new LinkedBlockingQueue<>();
    private final WebSocket socket;

    WebSocketClient(int port) {
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/"), new WebSocket.Listener() {
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

                    @Override
                    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                        closes.add(statusCode);
                        return null;
                    }
                }).join();
    }

    /** Sends a raw text frame and returns the next frame received. */
    JsonNode sendText(String text) {
        socket.sendText(text, true).join();
        return next();
    }

    /** Sends a binary frame and returns the next frame received. */
    JsonNode sendBinary(byte[] data) {
        socket.sendBinary(ByteBuffer.wrap(data), true).join();
        return next();
    }

    /** Sends {@code {"action", "headers", "body"}} and returns the answer. */
    JsonNode send(String action, Map<String, ?> headers, Object body) {
        return sendText(JSON.valueToTree(Map.of("action", action, "headers", headers, "body", body)).toString());
    }

    JsonNode next() {
        try {
            String frame = frames.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (frame == null) {
                throw new AssertionError("no frame within " + WAIT);
            }
            return JSON.readTree(frame);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The close code the server sent, waiting for it at most {@code wait}. */
    int closeCode(Duration wait) throws InterruptedException {
        Integer code = closes.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (code == null) {
            throw new AssertionError("the server did not close the connection within " + wait);
        }
        return code;
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
    }
}
