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
 * A flavor lists every capability (upstream's API tests expect MongoDB's five whatever the pool);
 * a pool whose backend offers other capabilities than its flavor's pools is refused, as upstream:
 * Redis offers no durability, SQL and MongoDB offer everything.
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
    void aFlavorListsEveryCapabilityAndAPoolJoinsOnlyAlikePools() throws Exception {
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

            List<String> everything = List.of("FIFO", "CLAIMS", "DURABILITY", "AOD", "HIGH_THROUGHPUT");
            // Every capability, whatever the pool (see PoolCatalog.capabilities: upstream's API tests expect it).
            assertEquals(everything, capabilities(JSON.readTree(send("GET", base + "/flavors/quick", null).body())));
            assertEquals(everything, capabilities(JSON.readTree(send("GET", base + "/flavors/sure", null).body())));

            // A pool joins a flavor only with the capabilities of the flavor's pools, as upstream.
            HttpResponse<String> mismatch = send("PUT", base + "/pools/faster", redisPool.replace("quick", "sure"));
            assertEquals(400, mismatch.statusCode());
            assertEquals("Unable to create pool", JSON.readTree(mismatch.body()).get("title").asText());
            assertEquals(400, send("PATCH", base + "/pools/safe", "{\"uri\": \"" + RedisTestServer.sharedUri()
                    + "\"}").statusCode());
        }
    }
}
