package org.zaqar.api;

import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
import org.zaqar.core.storage.MessageStorage;
import org.zaqar.core.storage.StorageContext;

/**
 * How often a pooled request reads the catalog and the pools: a claim finds its queue's pool with
 * one catalog read, or none with the placement cache ({@code [cache]} on); changes made through
 * this node are seen at once.
 */
class PoolCatalogReadsTest extends ApiTestSupport {
    private CountingManagementStorage management;
    private PoolCatalog cached;
    private PoolCatalog uncached;
    private ApiServer uncachedServer;

    @Override
    protected ApiServer newServer() {
        ConfigSection section = new ConfigSection("drivers:management_store:sqlalchemy",
                Map.of("uri", "sqlite:///" + dir.resolve("management.db")));
        management = new CountingManagementStorage(
                sqlDriver().openManagementStore(new StorageContext(section, ZaqarConfig.empty(), clock)));
        cached = new PoolCatalog(management, this::openSqlStorage, null, new SplittableRandom(7),
                PoolCatalog.PLACEMENT_TTL);
        uncached = new PoolCatalog(management, this::openSqlStorage, null, new SplittableRandom(7));
        uncachedServer = new ApiServer(settings(), new PooledMessageStorage(uncached, storage), clock,
                ApiComponents.defaults().withSecurity(security()).withPooling(uncached));
        uncachedServer.start("127.0.0.1", 0);
        return new ApiServer(settings(), new PooledMessageStorage(cached, storage), clock,
                ApiComponents.defaults().withSecurity(security()).withPooling(cached));
    }

    @AfterEach
    void closePools() {
        uncachedServer.stop();
        cached.close();
        uncached.close();
        management.close();
    }

    @Override
    protected RequestSpecification api() {
        return super.api().header("X-Roles", "admin");
    }

    private RequestSpecification uncachedApi() {
        return api().baseUri("http://127.0.0.1:" + uncachedServer.port());
    }

    private String poolUri(String name) {
        return "sqlite:///" + dir.resolve(name + ".db");
    }

    private void claim(RequestSpecification node) {
        node.contentType("application/json").body("{\"ttl\": 60, \"grace\": 60}").post("/v2/queues/work/claims?limit=1")
                .then().statusCode(201);
    }

    @Test
    void aClaimReadsTheCatalogOnceAndNothingWhileItsPlacementIsCached() {
        api().contentType("application/json").body("{\"weight\": 1, \"uri\": \"" + poolUri("a") + "\"}")
                .put("/v2/pools/a").then().statusCode(201);
        api().contentType("application/json").body("{\"_dead_letter_queue\": \"dead\", \"_max_claim_count\": 3}")
                .put("/v2/queues/work").then().statusCode(201);
        post("work", "[{\"body\": 1}, {\"body\": 2}, {\"body\": 3}, {\"body\": 4}]");
        uncachedApi().get("/v2/queues/work/stats").then().statusCode(200); // each node has opened the pool
        management.readsSinceLastTime();

        claim(uncachedApi());
        assertEquals(1, management.readsSinceLastTime(), "without the cache: the queue's placement, once");
        claim(api());
        assertEquals(0, management.readsSinceLastTime(), "with the cache: nothing");
        assertEquals("a", management.catalog().lookup(project, "dead"), "the dead-letter queue follows its queue");
    }

    @Test
    void aPoolMovedThroughThisNodeIsUsedAtOnce() {
        api().contentType("application/json").body("{\"weight\": 1, \"uri\": \"" + poolUri("a") + "\"}")
                .put("/v2/pools/a").then().statusCode(201);
        post("work", "[{\"body\": 1}]");
        api().contentType("application/json").body("{\"uri\": \"" + poolUri("moved") + "\"}")
                .patch("/v2/pools/a").then().statusCode(200);
        api().put("/v2/queues/work").then().statusCode(201); // the queue is new to the moved pool's store
        post("work", "[{\"body\": 2}]");
        try (MessageStorage moved = openSqlStorage(poolUri("moved"))) {
            assertEquals(1, moved.messages().list(project, "work",
                    new MessageListQuery(null, 10, true, null, true, true)).items().size());
        }
        api().get("/v2/queues/work/messages?echo=true").then().statusCode(200).body("messages", hasSize(1));
    }
}
