package org.zaqar.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.zaqar.core.config.TransportLimits;

/**
 * Slow and excess clients cost the server a bounded amount: connections that send their request
 * too slowly are closed by the read deadlines while others are served, and beyond the
 * concurrency limit requests are shed at once with 503, Retry-After and Zaqar's error body.
 */
class SlowClientApiTest extends ApiTestSupport {
    private static final Duration HEADER_TIMEOUT = Duration.ofMillis(800);
    private static final Duration BODY_TIMEOUT = Duration.ofMillis(1500);
    private static final int SLOW_CLIENTS = 300;

    @Override
    protected ApiSettings settings() {
        return new ApiSettings(TransportLimits.defaults(), false, true, "", List.of())
                .withEdge(new EdgeSettings(HEADER_TIMEOUT, BODY_TIMEOUT, 0));
    }

    private Socket open(String firstBytes) throws IOException {
        Socket socket = new Socket("127.0.0.1", server.port());
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(firstBytes.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    /** True once the server closed the connection: a read ends, or a write is refused. */
    private static boolean closedByServer(Socket socket) {
        try {
            InputStream in = socket.getInputStream();
            while (true) {
                int b = in.read();
                if (b < 0) {
                    return true;
                }
            }
        } catch (SocketException reset) {
            return true;
        } catch (IOException timedOut) {
            return false;
        }
    }

    private List<Socket> openSlowClients() throws IOException {
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < SLOW_CLIENTS; i++) {
            switch (i % 3) {
                case 0 -> sockets.add(open("GET /v2/que"));  // half a request line
                case 1 -> sockets.add(open("GET /v2/queues HTTP/1.1\r\nHost: x\r\nClient-"));  // half the headers
                default -> sockets.add(open("POST /v2/queues/q/messages HTTP/1.1\r\nHost: x\r\nClient-ID: "
                        + CLIENT_ID + "\r\nX-Project-ID: " + project + "\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 100\r\n\r\n{\"messages\""));  // a tenth of the body
            }
        }
        return sockets;
    }

    @Test
    void connectionsTooSlowToSendARequestAreClosedWhileOthersAreServed() throws Exception {
        List<Socket> slow = openSlowClients();
        long started = System.nanoTime();
        try {
            // Meanwhile, every normal request is served.
            while (Duration.ofNanos(System.nanoTime() - started).compareTo(HEADER_TIMEOUT) < 0) {
                api().get("/v2/queues").then().statusCode(200);
            }
            for (Socket socket : slow) {
                assertTrue(closedByServer(socket), "a slow connection is closed: " + socket);
            }
            Duration closedAfter = Duration.ofNanos(System.nanoTime() - started);
            // Generous: a loaded machine is slow to sweep, but "never" was the bug.
            assertTrue(closedAfter.compareTo(BODY_TIMEOUT.multipliedBy(10)) < 0, "closed after " + closedAfter);
            // The server let go of them, and of the test client's idle kept-alive connections soon after.
            long deadline = System.nanoTime() + HEADER_TIMEOUT.multipliedBy(4).toNanos();
            while (server.watchedConnections() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(0, server.watchedConnections(), "connections still open");
            api().get("/v2/queues").then().statusCode(200);
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    @Test
    void aClientDrippingItsHeadersIsClosedAtTheHeaderDeadline() throws Exception {
        try (Socket socket = open("G")) {
            long started = System.nanoTime();
            String rest = "ET /v2/queues HTTP/1.1\r\nHost: x\r\nX-Padding: " + "a".repeat(200);
            boolean refused = false;
            for (char c : rest.toCharArray()) {
                try {
                    socket.getOutputStream().write(c);
                    socket.getOutputStream().flush();
                } catch (IOException e) {
                    refused = true;
                    break;
                }
                Thread.sleep(20);
            }
            assertTrue(refused || closedByServer(socket), "a dripping client is cut off");
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            assertTrue(elapsed.compareTo(HEADER_TIMEOUT.multipliedBy(10)) < 0, "after " + elapsed);
        }
    }

    @Test
    void aKeptAliveConnectionServesManyRequestsAndIsThenClosedWhenIdle() throws Exception {
        try (Socket socket = open("")) {
            String request = "GET /v2/queues HTTP/1.1\r\nHost: x\r\nClient-ID: " + CLIENT_ID + "\r\nX-Project-ID: "
                    + project + "\r\n\r\n";
            for (int i = 0; i < 5; i++) {
                socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
                assertEquals(200, RawHttp.read(socket.getInputStream(), false).status());
                Thread.sleep(HEADER_TIMEOUT.toMillis() / 2);  // each wait is within the deadline
            }
            assertTrue(closedByServer(socket), "an idle kept-alive connection is closed");
        }
    }

    @Test
    void beyondTheConcurrencyLimitRequestsAreShedWith503AndRetryAfter() throws Exception {
        ApiSettings limited = settings().withEdge(new EdgeSettings(Duration.ofSeconds(30), Duration.ofSeconds(30), 2));
        ApiServer other = new ApiServer(limited, storage, clock);
        other.start("127.0.0.1", 0);
        List<Socket> holders = new ArrayList<>();
        try {
            // Two posts whose bodies are slow to come hold the two places.
            for (int i = 0; i < 2; i++) {
                Socket socket = new Socket("127.0.0.1", other.port());
                socket.getOutputStream().write(("POST /v2/queues/q/messages HTTP/1.1\r\nHost: x\r\nClient-ID: "
                        + CLIENT_ID + "\r\nX-Project-ID: " + project + "\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 100\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                holders.add(socket);
            }
            RawHttp.Response shed = awaitShed(other.port());
            assertEquals(503, shed.status(), shed.toString());
            assertEquals(AdmissionLimit.RETRY_AFTER_SECONDS, shed.header("Retry-After"));
            assertEquals("application/json", shed.header("Content-Type"));
            JsonNode error = Json.MAPPER.readTree(shed.body());
            assertEquals("Service temporarily unavailable", error.get("title").asText());
            assertTrue(error.get("description").asText().contains("try again"), error.toString());
        } finally {
            for (Socket socket : holders) {
                socket.close();
            }
        }
        try {
            // The excess gone, the next request is served at once.
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            int status;
            do {
                status = RawHttp.exchange(other.port(), "GET", "/v2/queues", List.of("Client-ID: " + CLIENT_ID,
                        "X-Project-ID: " + project), null).status();
            } while (status == 503 && System.nanoTime() < deadline);  // the holders' closes may take a moment
            assertEquals(200, status);
        } finally {
            other.stop();
        }
    }

    /** The holders' requests are dispatched asynchronously: ask until they hold their places (slow on a busy machine). */
    private RawHttp.Response awaitShed(int port) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        RawHttp.Response response;
        do {
            response = RawHttp.exchange(port, "GET", "/v2/queues", List.of("Client-ID: " + CLIENT_ID,
                    "X-Project-ID: " + project), null);
        } while (response.status() != 503 && System.nanoTime() < deadline);
        return response;
    }
}
