package org.zaqar.api;

import java.io.ByteArrayOutputStream;
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

/**
 * A real WebSocket client (the JDK's) that sends requests and hands back each frame the server
 * sends: text frames parsed as JSON, binary ones as MessagePack.
 */
final class WebSocketClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);

    /** A frame received, and whether it came as binary (MessagePack). */
    record Frame(JsonNode content, boolean binary) {
    }

    private final BlockingQueue<Object> frames = new LinkedBlockingQueue<>();
    private final BlockingQueue<Integer> closes = new LinkedBlockingQueue<>();
    private final WebSocket socket;

    WebSocketClient(int port) {
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/"), new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();
                    private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            frames.add(text.toString());
                            text.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
                        byte[] bytes = new byte[data.remaining()];
                        data.get(bytes);
                        binary.writeBytes(bytes);
                        if (last) {
                            frames.add(binary.toByteArray());
                            binary.reset();
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
    Frame sendBinary(byte[] data) {
        socket.sendBinary(ByteBuffer.wrap(data), true).join();
        return nextFrame();
    }

    /** Sends {@code {"action", "headers", "body"}} as JSON text and returns the answer. */
    JsonNode send(String action, Map<String, ?> headers, Object body) {
        return sendText(request(action, headers, body).toString());
    }

    static JsonNode request(String action, Map<String, ?> headers, Object body) {
        return JSON.valueToTree(Map.of("action", action, "headers", headers, "body", body));
    }

    JsonNode next() {
        return nextFrame().content();
    }

    Frame nextFrame() {
        try {
            Object frame = frames.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (frame == null) {
                throw new AssertionError("no frame within " + WAIT);
            }
            return frame instanceof byte[] bytes ? new Frame(MessagePack.read(bytes), true)
                    : new Frame(JSON.readTree((String) frame), false);
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
