package org.zaqar.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zaqar.storage.redis.RedisTestServer;

/**
 * A flavor shows the capabilities of its pools' backend, as upstream's flavors resource derives
 * them from the first pool's driver: Redis offers no durability, SQL and MongoDB offer everything.
 * A pool whose backend offers other capabilities than its flavor's pools is refused.
 */
class FlavorCapabilitiesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private HttpResponse<String> send(String method, String url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("X-Project-ID", "flavors")
                .header("X-Roles", "admin").header("Client-ID", "3381af92-2b9e-11e3-b191-71861300734c")
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> capabilities(JsonNode flavor) {
        return JSON.convertValue(flavor.get("capabilities"), JSON.getTypeFactory()
                .constructCollectionType(List.class, String.class));
    }

    @Test
    void aFlavorListsWhatItsPoolsBackendOffers() throws Exception {
        try (ZaqarServer server = ZaqarServer.start(SqliteServerConfig.on(dir, """
                [DEFAULT]
                admin_mode = true
                pooling = true
                """), InstantSource.system())) {
            String base = "http://127.0.0.1:" + server.port() + "/v2";
            String redisPool = "{\"weight\": 1, \"flavor\": \"quick\", \"uri\": \"" + RedisTestServer.sharedUri()
                    + "\"}";
            String sqlPool = "{\"weight\": 1, \"flavor\": \"sure\", \"uri\": \"sqlite:///" + dir.resolve("safe.db")
                    + "\"}";
            assertEquals(201, send("PUT", base + "/pools/fast", redisPool).statusCode());
            assertEquals(201, send("PUT", base + "/pools/safe", sqlPool).statusCode());
            assertEquals(201, send("PUT", base + "/flavors/quick", "{\"pool_list\": [\"fast\"]}").statusCode());
            assertEquals(201, send("PUT", base + "/flavors/sure", "{\"pool_list\": [\"safe\"]}").statusCode());

            List<String> redis = List.of("FIFO", "CLAIMS", "AOD", "HIGH_THROUGHPUT");
            List<String> everything = List.of("FIFO", "CLAIMS", "DURABILITY", "AOD", "HIGH_THROUGHPUT");
            assertEquals(redis, capabilities(JSON.readTree(send("GET", base + "/flavors/quick", null).body())));
            assertEquals(everything, capabilities(JSON.readTree(send("GET", base + "/flavors/sure", null).body())));
            JsonNode listed = JSON.readTree(send("GET", base + "/flavors?detailed=true", null).body()).get("flavors");
            assertEquals(redis, capabilities(listed.get(0)));
            assertEquals(everything, capabilities(listed.get(1)));

            // A pool joins a flavor only with the capabilities of the flavor's pools, as upstream.
            HttpResponse<String> mismatch = send("PUT", base + "/pools/faster", redisPool.replace("quick", "sure"));
            assertEquals(400, mismatch.statusCode());
            assertEquals("Unable to create pool", JSON.readTree(mismatch.body()).get("title").asText());
            assertEquals(400, send("PATCH", base + "/pools/safe", "{\"uri\": \"" + RedisTestServer.sharedUri()
                    + "\"}").statusCode());
        }
    }
}
