package org.zaqar.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.zaqar.core.model.NewMessage;

/** Webhooks speak plain HTTP/1.1 to an http:// subscriber, as upstream's requests library does. */
class WebhookProtocolTest extends NotifierTestSupport {

    @Test
    void anHttpSubscriberGetsPlainHttp11WithoutAnUpgradeOffer() throws Exception {
        try (ServerSocket receiver = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            receiver.setSoTimeout(10_000);
            storage.subscriptions().create("p", "q", "http://127.0.0.1:" + receiver.getLocalPort() + "/hook", 600,
                    Map.of());
            storage.queues().create("p", "q", Map.of());
            storage.messages().post("p", "q", List.of(new NewMessage("{\"n\": 1}", 300, 0, null)), "client");
            try (Socket connection = receiver.accept()) {
                List<String> head = readHead(connection.getInputStream());
                connection.getOutputStream().write("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                assertEquals("POST /hook HTTP/1.1", head.getFirst());
                List<String> names = head.subList(1, head.size()).stream()
                        .map(line -> line.substring(0, line.indexOf(':')).toLowerCase(Locale.ROOT)).toList();
                assertFalse(names.contains("upgrade"), head.toString());
                assertFalse(names.contains("http2-settings"), head.toString());
                assertFalse(head.stream().anyMatch(line -> line.toLowerCase(Locale.ROOT).startsWith("connection:")
                        && line.toLowerCase(Locale.ROOT).contains("upgrade")), head.toString());
                assertTrue(names.contains("content-length"), head.toString());
            }
        }
    }

    /** The request line and header lines, up to the blank line. */
    private static List<String> readHead(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.US_ASCII).stripTrailing();
                if (text.isEmpty()) {
                    return lines;
                }
                lines.add(text);
                line.reset();
            } else {
                line.write(b);
            }
        }
        throw new IOException("connection closed in the headers: " + lines);
    }

}
