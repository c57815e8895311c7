package org.zaqar.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Pools, flavors, health and ping through the client, against a pooled server in admin mode. */
class AdminTest {
    private static TestServer server;
    private static ZaqarClient zaqar;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("""
                [DEFAULT]
                admin_mode = true
                pooling = true
                """);
        zaqar = server.client("admin-test", "admin");
    }

    @AfterAll
    static void stop() {
        zaqar.close();
        server.close();
    }

    @Test
    void poolsAndFlavorsAreManagedAndQueuesLandOnThem() {
        String uriA = "sqlite:///" + server.dir().resolve("pool-a.db");
        String uriB = "sqlite:///" + server.dir().resolve("pool-b.db");
        zaqar.pools().create("a", uriA, 10, null, Map.of());
        zaqar.pools().create("b", uriB, 20, null, Map.of());

        Page<Pool> first = zaqar.pools().list(null, 1, true);
        assertEquals(List.of("a"), first.items().stream().map(Pool::name).toList());
        assertEquals(uriA, first.items().get(0).uri());
        assertEquals(List.of("b"), zaqar.pools().list(first.nextMarker(), 1, false).items().stream()
                .map(Pool::name).toList());
        Pool updated = zaqar.pools().update("a", Map.of("weight", 30));
        assertEquals(30, updated.weight());
        assertEquals(30, zaqar.pools().get("a").weight());

        zaqar.flavors().create("fast", List.of("b"));
        Flavor fast = zaqar.flavors().get("fast");
        assertEquals(List.of("b"), fast.pools());
        assertTrue(fast.capabilities().contains("CLAIMS"), fast.toString());
        assertEquals("fast", zaqar.pools().get("b").flavor());
        assertEquals(List.of("fast"), zaqar.flavors().list(null, null).items().stream().map(Flavor::name).toList());

        zaqar.queues().create("quick", Map.of("_flavor", "fast"));
        zaqar.messages().post("quick", List.of(NewMessage.of("on b")));
        assertEquals(1, zaqar.queues().stats("quick").total());

        assertTrue(zaqar.ping());
        Map<String, Object> health = zaqar.health();
        assertEquals(true, health.get("catalog_reachable"), health.toString());

        zaqar.queues().delete("quick");
        zaqar.flavors().update("fast", List.of("a"));
        assertEquals(List.of("a"), zaqar.flavors().get("fast").pools());
        zaqar.flavors().delete("fast");
        zaqar.pools().delete("b");
        assertEquals(List.of("a"), zaqar.pools().list(null, null, false).items().stream().map(Pool::name).toList());
    }
}
