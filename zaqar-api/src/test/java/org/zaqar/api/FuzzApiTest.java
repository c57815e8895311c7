package org.zaqar.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.zaqar.core.config.ConfigSection;
import org.zaqar.core.config.TransportLimits;
import org.zaqar.core.config.ZaqarConfig;
import org.zaqar.core.pooling.PoolCatalog;
import org.zaqar.core.pooling.PooledMessageStorage;
import org.zaqar.core.storage.ManagementStorage;
import org.zaqar.core.storage.StorageContext;

/**
 * Seeded fuzzing of every route of every API version (v2, v1.1, v1, pools and flavors) and of
 * every WebSocket action: wrong JSON types for every field, missing fields, huge and negative
 * numbers, bytes that are not UTF-8, truncated JSON, bad query parameters, headers and path
 * segments. No answer may be a 5xx (but a store's 503), every 4xx carries Zaqar's JSON error body,
 * and the server is still up afterwards. The seed is printed with every failure; rerun one with
 * {@code -Dfuzz.seed=N}. Bounded by a request count and by time.
 */
class FuzzApiTest extends ApiTestSupport {
    private static final long SEED = Long.getLong("fuzz.seed", 20261207L);
    private static final int HTTP_REQUESTS = Integer.getInteger("fuzz.requests", 8000);
    private static final int WEBSOCKET_REQUESTS = 1000;
    private static final Duration HTTP_BUDGET = Duration.ofSeconds(45);
    private static final Duration WEBSOCKET_BUDGET = Duration.ofSeconds(15);

    private ManagementStorage management;
    private PoolCatalog catalog;

    /** Every API version and the admin API, so that every route is served. */
    @Override
    protected ApiSettings settings() {
        return new ApiSettings(TransportLimits.defaults(), false, true, "", List.of("1", "1.1"));
    }

    @Override
    protected ApiServer newServer() {
        management = sqlDriver().openManagementStore(new StorageContext(new ConfigSection(
                "drivers:management_store:sqlalchemy", Map.of("uri", "sqlite:///" + dir.resolve("management.db"))),
                ZaqarConfig.empty(), clock));
        catalog = new PoolCatalog(management, this::openSqlStorage, storage, new SplittableRandom(SEED));
        return new ApiServer(settings(), new PooledMessageStorage(catalog, storage), clock,
                ApiComponents.defaults().withSecurity(security()).withPooling(catalog));
    }

    @AfterEach
    void closePools() {
        catalog.close();
        management.close();
    }

    @Test
    void malformedRequestsOverEveryRouteAndActionAnswerCleanly() throws Exception {
        createQueue("q");
        FuzzRequests requests = new FuzzRequests(new SplittableRandom(SEED), project, CLIENT_ID,
                dir.resolve("pool-").toString());
        List<String> routes = server.routes();
        Map<String, int[]> counts = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        long deadline = System.nanoTime() + HTTP_BUDGET.toNanos();
        int sent = 0;
        for (; sent < HTTP_REQUESTS && System.nanoTime() < deadline; sent++) {
            String route = routes.get(sent % routes.size());  // round robin: every route, many times
            FuzzRequests.Request request = requests.http(route);
            RawHttp.Response response;
            try {
                response = RawHttp.exchange(server.port(), request.method(), request.target(), request.headers(),
                        request.body());
            } catch (IOException e) {
                failures.add(request + " -> no answer: " + e);
                continue;
            }
            count(counts, route, response.status());
            String problem = problem(route, request.method(), response);
            if (problem != null) {
                failures.add(request + " -> " + problem + ": " + response);
            }
        }
        int frames = fuzzWebSocket(requests, counts, failures);
        assertEquals(204, RawHttp.exchange(server.port(), "GET", "/v2/ping",
                List.of("Client-ID: " + CLIENT_ID, "X-Project-ID: " + project), null).status(),
                "the server still answers");
        print(counts, sent, frames, failures.size());
        assertTrue(failures.isEmpty(), "seed " + SEED + ": " + failures.size() + " bad answers, first ones:\n"
                + String.join("\n", failures.subList(0, Math.min(15, failures.size()))));
    }

    /** What is wrong with an answer, or null. */
    private static String problem(String route, String method, RawHttp.Response response) {
        int status = response.status();
        if (status >= 500 && !(status == 503 && isErrorBody(response))) {
            return "a server error";
        }
        // Upstream's v1.0 queue existence check answers a bare 404, as HEAD does everywhere.
        boolean bare = method.equals("HEAD") || route.equals("GET /v1/queues/{queue_name}") && status == 404;
        if (status >= 400 && status < 500 && !bare && !isErrorBody(response)) {
            return "a 4xx without Zaqar's error body";
        }
        return null;
    }

    private static boolean isErrorBody(RawHttp.Response response) {
        try {
            JsonNode body = Json.MAPPER.readTree(response.body());
            return body != null && body.path("title").isTextual();
        } catch (IOException e) {
            return false;
        }
    }

    private int fuzzWebSocket(FuzzRequests requests, Map<String, int[]> counts, List<String> failures) {
        WebSocketServer sockets = new WebSocketServer(settings(), storage, clock,
                ApiComponents.defaults().withSecurity(security()));
        sockets.start(new WebSocketSettings("127.0.0.1", 0, null, "127.0.0.1", 0));
        int sent = 0;
        try {
            WebSocketClient client = new WebSocketClient(sockets.port());
            long deadline = System.nanoTime() + WEBSOCKET_BUDGET.toNanos();
            WebSocketAction[] actions = WebSocketAction.values();
            for (; sent < WEBSOCKET_REQUESTS && System.nanoTime() < deadline; sent++) {
                String action = actions[sent % actions.length].name().toLowerCase(java.util.Locale.ROOT);
                String frame = requests.webSocket(action);
                JsonNode answer = client.sendText(frame);
                int status = answer.path("headers").path("status").asInt();
                count(counts, "WS " + action, status);
                boolean storeUnavailable = status == 503 && answer.path("body").path("title").isTextual();
                if (status >= 500 && !storeUnavailable || status == 0) {
                    failures.add("WS " + abbreviate(frame) + " -> " + abbreviate(answer.toString()));
                }
            }
            client.close();
        } finally {
            sockets.stop();
        }
        return sent;
    }

    private static void count(Map<String, int[]> counts, String route, int status) {
        int[] row = counts.computeIfAbsent(route, r -> new int[4]);
        row[0]++;
        row[status >= 500 ? 3 : status >= 400 ? 2 : 1]++;
    }

    private static void print(Map<String, int[]> counts, int requests, int frames, int failures) {
        StringBuilder table = new StringBuilder("Fuzz (seed " + SEED + "): " + requests + " HTTP requests, " + frames
                + " WebSocket frames, " + failures + " bad answers\n");
        table.append(String.format("%-62s %6s %6s %6s %6s%n", "route", "sent", "2xx/3xx", "4xx", "5xx"));
        counts.forEach((route, row) -> table.append(String.format("%-62s %6d %6d %6d %6d%n", route, row[0], row[1],
                row[2], row[3])));
        System.out.println(table);
    }

    static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
