package org.zaqar.api;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.zaqar.core.config.ConfigSection;
import org.zaqar.core.config.ZaqarConfig;
import org.zaqar.core.model.MessageListQuery;
import org.zaqar.core.pooling.PoolCatalog;
import org.zaqar.core.pooling.PooledMessageStorage;
import org.zaqar.core.storage.ManagementStorage;
import org.zaqar.core.storage.MessageStorage;
import org.zaqar.core.storage.StorageContext;

/**
 * Pooling over real SQLite files: the admin API of pools and flavors, and queues placed on
 * different pools whose messages really live in different databases.
 */
class PoolingApiTest extends ApiTestSupport {
    private ManagementStorage management;
    private PoolCatalog catalog;

    @Override
    protected ApiServer newServer() {
        ConfigSection section = new ConfigSection("drivers:management_store:sqlalchemy",
                Map.of("uri", "sqlite:///" + dir.resolve("management.db")));
        management = sqlDriver().openManagementStore(new StorageContext(section, ZaqarConfig.empty(), clock));
        catalog = new PoolCatalog(management, this::openSqlStorage, storage, new SplittableRandom(7));
        return new ApiServer(settings(), new PooledMessageStorage(catalog, storage), clock,
                ApiComponents.defaults().withSecurity(security()).withPooling(catalog));
    }

    @AfterEach
    void closePools() {
        catalog.close();
        management.close();
    }

    /** Pools and flavors are role:admin in upstream's default policy; these tests act as the operator. */
    @Override
    protected RequestSpecification api() {
        return super.api().header("X-Roles", "admin");
    }

    private String poolUri(String name) {
        return "sqlite:///" + dir.resolve(name + ".db");
    }

    private void putPool(String name, String body) {
        api().contentType("application/json").body(body).put("/v2/pools/" + name).then().statusCode(201)
                .header("Location", "/v2/pools/" + name);
    }

    @Test
    void queuesAreSpreadOverPoolsByWeightAndTheirMessagesLiveThere() {
        putPool("a", "{\"weight\": 1, \"uri\": \"" + poolUri("a") + "\"}");
        putPool("b", "{\"weight\": 1, \"uri\": \"" + poolUri("b") + "\"}");
        for (int i = 0; i < 20; i++) {
            post("q" + i, "[{\"body\": " + i + "}]");
        }
        api().get("/v2/queues?limit=20").then().statusCode(200).body("queues", hasSize(20));
        int inA = 0;
        int inB = 0;
        try (MessageStorage a = openSqlStorage(poolUri("a")); MessageStorage b = openSqlStorage(poolUri("b"))) {
            for (int i = 0; i < 20; i++) {
                MessageListQuery all = new MessageListQuery(null, 10, true, null, true, true);
                int countA = a.messages().list(project, "q" + i, all).items().size();
                int countB = b.messages().list(project, "q" + i, all).items().size();
                assertEquals(1, countA + countB, "queue q" + i + " lives in exactly one pool");
                inA += countA;
                inB += countB;
            }
        }
        assertTrue(inA > 0 && inB > 0, "both pools hold messages: " + inA + " / " + inB);
        api().get("/v2/queues/q3/messages?echo=true").then().statusCode(200).body("messages", hasSize(1));
    }

    @Test
    void subscriptionsWorkWhilePooledAndOutliveTheirQueue() {
        putPool("a", "{\"weight\": 1, \"uri\": \"" + poolUri("a") + "\"}");
        api().contentType("application/json").body("{\"subscriber\": \"http://example.com/hook\", \"ttl\": 600}")
                .post("/v2/queues/watched/subscriptions").then().statusCode(201);
        api().get("/v2/queues/watched/subscriptions").then().statusCode(200).body("subscriptions", hasSize(1));

        api().delete("/v2/queues/watched").then().statusCode(204);
        api().get("/v2/queues/watched/subscriptions").then().statusCode(200).body("subscriptions", hasSize(1));
    }

    @Test
    void poolsAreCheckedListedPatchedAndDeleted() {
        api().contentType("application/json").body("{\"weight\": 1, \"uri\": \"redis://127.0.0.1:1\"}")
                .put("/v2/pools/down").then().statusCode(400).body("title", equalTo("Invalid request body"));
        api().contentType("application/json").body("{\"weight\": -1, \"uri\": \"" + poolUri("a") + "\"}")
                .put("/v2/pools/a").then().statusCode(400);
        putPool("a", "{\"weight\": 5, \"uri\": \"" + poolUri("a") + "\", \"options\": {\"x\": 1}}");
        api().contentType("application/json").body("{\"weight\": 1, \"uri\": \"" + poolUri("a") + "\"}")
                .put("/v2/pools/copy").then().statusCode(409);
        api().get("/v2/pools/a?detailed=true").then().statusCode(200).body("weight", equalTo(5))
                .body("options.x", equalTo(1)).body("href", equalTo("/v2/pools/a"));
        api().contentType("application/json").body("{\"weight\": 9}").patch("/v2/pools/a").then().statusCode(200)
                .body("weight", equalTo(9));
        api().get("/v2/pools").then().statusCode(200).body("pools", hasSize(1))
                .body("links[0].href", equalTo("/v2/pools?marker=a"));
        api().delete("/v2/pools/a").then().statusCode(204);
        api().get("/v2/pools/a").then().statusCode(404);
    }

    @Test
    void flavorsListTheirPoolsAndProtectThem() {
        putPool("gold1", "{\"weight\": 1, \"uri\": \"" + poolUri("gold1") + "\"}");
        api().contentType("application/json").body("{\"pool_group\": \"old\"}").put("/v2/flavors/gold")
                .then().statusCode(400).body("title", equalTo("Invalid request body"));
        api().contentType("application/json").body("{\"pool_list\": [\"nope\"]}").put("/v2/flavors/gold")
                .then().statusCode(400)
                .body("description", equalTo("Flavor gold could not be created, error:Pool nope does not exist"));
        api().contentType("application/json").body("{\"pool_list\": [\"gold1\"]}").put("/v2/flavors/gold")
                .then().statusCode(201);
        api().get("/v2/flavors/gold").then().statusCode(200).body("pool_list", equalTo(List.of("gold1")))
                .body("capabilities", hasSize(5));
        api().get("/v2/pools/gold1").then().body("flavor", equalTo("gold"));
        api().delete("/v2/pools/gold1").then().statusCode(403).body("title", equalTo("Unable to delete"));

        api().contentType("application/json").body("{\"_flavor\": \"gold\"}").put("/v2/queues/precious")
                .then().statusCode(201);
        assertEquals("gold1", management.catalog().lookup(project, "precious"));

        api().delete("/v2/flavors/gold").then().statusCode(204);
        api().get("/v2/pools/gold1").then().body("flavor", equalTo(null));
    }

    @Test
    void deadLettersFollowTheirQueueIntoItsPool() {
        putPool("a", "{\"weight\": 1, \"uri\": \"" + poolUri("a") + "\"}");
        api().contentType("application/json")
                .body("{\"_max_claim_count\": 1, \"_dead_letter_queue\": \"dead\"}").put("/v2/queues/live")
                .then().statusCode(201);
        post("live", "[{\"body\": 1}]");
        api().contentType("application/json").body("{\"ttl\": 60, \"grace\": 60}").post("/v2/queues/live/claims")
                .then().statusCode(201);
        clock.advance(java.time.Duration.ofSeconds(61));
        api().contentType("application/json").body("{\"ttl\": 60, \"grace\": 60}").post("/v2/queues/live/claims");
        assertEquals("a", management.catalog().lookup(project, "dead"));
        api().get("/v2/queues/dead/messages?echo=true").then().statusCode(200).body("messages", hasSize(1));
    }

    @Test
    void aQueueInNoPoolReadsAsMissing() {
        putPool("a", "{\"weight\": 1, \"uri\": \"" + poolUri("a") + "\"}");
        api().get("/v2/queues/nowhere").then().statusCode(200).body("_default_message_ttl", equalTo(3600));
        api().get("/v2/queues/nowhere/stats").then().statusCode(200).body("messages.total", equalTo(0));
        api().get("/v2/queues/nowhere/messages").then().statusCode(200).body("messages", hasSize(0));
        assertEquals(0, catalog.management().catalog().count(project));
    }

    @Test
    void withoutPoolsQueuesStayInTheVirtualPool() {
        post("plain", "[{\"body\": 1}]");
        assertEquals(null, management.catalog().lookup(project, "plain"));
        assertEquals(1, storage.messages().list(project, "plain",
                new MessageListQuery(null, 10, true, null, true, true)).items().size());
        api().get("/v2/health").then().statusCode(200).body("catalog_reachable", equalTo(true))
                .body("storage_reachable", equalTo(true));
    }
}
