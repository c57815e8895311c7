package org.zaqar.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Three pooled API nodes: the first posts to a new queue, made through every node at the same
 * moment, place it on one pool, so every message posted is found afterwards.
 */
class PooledNodesTest {
    private static final int NODES = 3;

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.zaqar.server.SharedStore#all")
    void firstPostsThroughEveryNodeAtOncePlaceANewQueueOnOnePool(SharedStore store) throws Exception {
        int queues = 30;
        ProjectClient client = new ProjectClient("pooled");
        String sections = "[DEFAULT]\nadmin_mode = true\npooling = true\n";
        try (ApiNodes nodes = ApiNodes.start(NODES, store.open(), sections, InstantSource.system())) {
            for (String pool : List.of("left", "right")) {
                HttpResponse<String> added = client.send(nodes.port(0), "PUT", "/v2/pools/" + pool,
                        "{\"weight\": 100, \"uri\": \"" + store.open() + "\"}", Map.of("X-Roles", "admin"));
                assertEquals(201, added.statusCode(), added.body());
            }
            CyclicBarrier together = new CyclicBarrier(NODES);
            ExecutorService posters = Executors.newFixedThreadPool(NODES);
            try {
                List<Future<Object>> posting = new ArrayList<>();
                for (int node = 0; node < NODES; node++) {
                    int port = nodes.port(node);
                    posting.add(posters.submit(() -> {
                        for (int queue = 0; queue < queues; queue++) {
                            together.await(30, TimeUnit.SECONDS);
                            client.post(port, "new-" + queue, 1, 600);
                        }
                        return null;
                    }));
                }
                for (Future<Object> poster : posting) {
                    poster.get(120, TimeUnit.SECONDS);
                }
            } finally {
                posters.shutdownNow();
            }
            Map<String, Integer> missing = new LinkedHashMap<>();
            for (int queue = 0; queue < queues; queue++) {
                int found = client.total(nodes.port(queue), "new-" + queue);
                if (found != NODES) {
                    missing.put("new-" + queue, NODES - found);
                }
            }
            assertEquals(Map.of(), missing, "messages posted but not found, by queue");
        }
    }
}
