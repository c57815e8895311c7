package org.zaqar.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * HTTP/1.1 over a plain socket, for what HTTP clients hide or refuse: responses with headers of
 * any size, requests sent in pieces, raw bytes.
 */
final class RawHttp {

    /** A response: status, header lines as sent, body. */
    record Response(int status, List<String> headers, byte[] body) {
        /** The first value of a header, by case-insensitive name, or null. */
        String header(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            return headers.stream().filter(line -> line.toLowerCase(Locale.ROOT).startsWith(prefix))
                    .map(line -> line.substring(prefix.length()).trim()).findFirst().orElse(null);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            String text = text();
            return status + " " + headers + " " + (text.length() > 300 ? text.substring(0, 300) + "..." : text);
        }
    }

    private RawHttp() {
    }

    /** Sends one request (connection closed after it) and reads the whole answer. */
    static Response exchange(int port, String method, String path, List<String> headers, byte[] body)
            throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(60_000);
            StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Connection: close\r\n");
            headers.forEach(line -> head.append(line).append("\r\n"));
            if (body != null) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            socket.getOutputStream().write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                socket.getOutputStream().write(body);
            }
            socket.getOutputStream().flush();
            return read(socket.getInputStream(), method.equals("HEAD"));
        }
    }

    /** Reads a response; without Content-Length (or chunked), the body runs to the end of the stream. */
    static Response read(InputStream in, boolean head) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) {
            throw new IOException("connection closed before a status line");
        }
        List<String> headers = new ArrayList<>();
        for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
            headers.add(line);
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Response partial = new Response(status, headers, new byte[0]);
        if (head || status == 204 || status == 304) {
            return partial;
        }
        String length = partial.header("Content-Length");
        if (length != null) {
            return new Response(status, headers, in.readNBytes(Integer.parseInt(length)));
        }
        if ("chunked".equalsIgnoreCase(partial.header("Transfer-Encoding"))) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(line(in).trim(), 16); size > 0; size = Integer.parseInt(line(in).trim(), 16)) {
                body.write(in.readNBytes(size));
                line(in);
            }
            return new Response(status, headers, body.toByteArray());
        }
        return new Response(status, headers, in.readAllBytes());
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        return b < 0 && line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }
}
