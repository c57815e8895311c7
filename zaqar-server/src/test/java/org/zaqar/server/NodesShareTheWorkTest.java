package org.zaqar.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;
import org.zaqar.core.testing.ManualClock;

/**
 * Three API nodes in one JVM over one shared store, as behind a load balancer: claims and
 * garbage collection running on every node at once hand out and remove each message once.
 */
class NodesShareTheWorkTest {
    private static final int NODES = 3;
    private static final String STORES = "org.zaqar.server.SharedStore#all";

    /**
     * Three producers (one per node) post while 8 claimers, each sending its claims and deletes
     * round-robin over the nodes, take messages until the producers are done and nothing is left:
     * every posted message was claimed by exactly one claimer.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource(STORES)
    void concurrentClaimersThroughEveryNodeGetEachMessageOnce(SharedStore store) throws Exception {
        int batchesPerProducer = 25;
        int claimers = 8;
        ProjectClient client = new ProjectClient("claimers");
        try (ApiNodes nodes = ApiNodes.start(NODES, store.open(), "", InstantSource.system())) {
            Set<String> posted = ConcurrentHashMap.newKeySet();
            Map<String, Integer> timesClaimed = new ConcurrentHashMap<>();
            CountDownLatch producing = new CountDownLatch(NODES);
            ExecutorService pool = Executors.newFixedThreadPool(NODES + claimers);
            long started = System.nanoTime();
            int claims = 0;
            try {
                List<Future<Integer>> work = new ArrayList<>();
                for (int producer = 0; producer < NODES; producer++) {
                    int node = producer;
                    work.add(pool.submit(() -> {
                        try {
                            for (int batch = 0; batch < batchesPerProducer; batch++) {
                                posted.addAll(client.post(nodes.port(node), "work", 20, 600));
                            }
                            return 0;
                        } finally {
                            producing.countDown();
                        }
                    }));
                }
                for (int claimer = 0; claimer < claimers; claimer++) {
                    int first = claimer;
                    work.add(pool.submit(() -> claimUntilEmpty(client, nodes, first, producing, timesClaimed)));
                }
                for (Future<Integer> done : work) {
                    claims += done.get(90, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();

            Map<String, Integer> duplicates = new HashMap<>(timesClaimed);
            duplicates.values().removeIf(times -> times == 1);
            assertEquals(Map.of(), duplicates, "messages claimed more than once");
            assertEquals(NODES * batchesPerProducer * 20, posted.size());
            assertEquals(posted, timesClaimed.keySet(), "every posted message was claimed");
            for (int node = 0; node < NODES; node++) {
                assertEquals(0, client.total(nodes.port(node), "work"), "every claimed message was deleted");
            }
            System.out.printf("%s: %d messages posted and, meanwhile, claimed and deleted in %d claims by %d"
                    + " claimers over %d nodes in %d ms, 0 duplicates%n", store, posted.size(), claims, claimers,
                    NODES, millis);
        }
    }

    /**
     * Claims and deletes through node after node until a claim finds nothing once the producers
     * are done; answers how many claims it made.
     */
    private static int claimUntilEmpty(ProjectClient client, ApiNodes nodes, int firstNode,
                                       CountDownLatch producing, Map<String, Integer> timesClaimed) throws Exception {
        int claims = 0;
        for (int node = firstNode; node < firstNode + 100_000; node++) {
            boolean produced = producing.getCount() == 0; // read before claiming: then an empty claim is final
            JsonNode messages = client.claim(nodes.port(node), "work", 10, 300);
            if (messages.isEmpty()) {
                if (produced) {
                    return claims; // every message is claimed; whoever claimed it deletes it
                }
                Thread.sleep(5); // the producers are behind
                continue;
            }
            claims++;
            for (JsonNode message : messages) {
                timesClaimed.merge(message.path("id").asText(), 1, Integer::sum);
                HttpResponse<String> deleted = client.send(nodes.port(node + 1), "DELETE",
                        message.path("href").asText(), null);
                assertEquals(204, deleted.statusCode(), deleted.body());
            }
        }
        throw new AssertionError("still claiming after " + claims + " claims");
    }

    /**
     * Messages expire (and claims with them) on a clock every node shares; garbage collection
     * then runs on every node at the same moment, twice: each expired message is removed and
     * counted once in the sum of the nodes' metrics, and no pass fails or logs a warning.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource(STORES)
    void garbageCollectionOnEveryNodeAtOnceCountsEachExpiredMessageOnce(SharedStore store) throws Exception {
        ManualClock clock = new ManualClock(Instant.now());
        ProjectClient client = new ProjectClient("collected");
        List<String> queues = List.of("red", "green", "blue");
        int perQueue = 400;
        try (ApiNodes nodes = ApiNodes.start(NODES, store.open(), "[metrics]\nenabled = true\nport = 0\n",
                clock)) {
            for (int batch = 0; batch < queues.size() * perQueue / 20; batch++) {
                client.post(nodes.port(batch), queues.get(batch % queues.size()), 20, 60);
            }
            for (int node = 0; node < NODES; node++) {
                assertEquals(20, client.claim(nodes.port(node), queues.get(node), 20, 60).size());
            }
            clock.advanceSeconds(200); // past every message's ttl, and every claim's ttl and grace

            Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            ListAppender<ILoggingEvent> logged = new ListAppender<>();
            logged.start();
            root.addAppender(logged);
            long started = System.nanoTime();
            try {
                collectEverywhereAtOnce(nodes);
                collectEverywhereAtOnce(nodes);
            } finally {
                root.detachAppender(logged);
            }
            long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();

            List<String> warnings = logged.list.stream().filter(event -> event.getLevel().isGreaterOrEqual(Level.WARN))
                    .map(ILoggingEvent::getFormattedMessage).toList();
            assertEquals(List.of(), warnings, "nothing logged a warning or error");
            double expired = 0;
            for (int node = 0; node < NODES; node++) {
                String scrape = scrape(client, nodes.node(node));
                assertFalse(scrape.contains("zaqar_gc_runs_total{outcome=\"failure\"}"), scrape);
                assertFalse(scrape.contains("zaqar_store_errors_total{"), scrape);
                expired += sample(scrape, "zaqar_messages_expired_total");
            }
            assertEquals(queues.size() * perQueue, expired, "expired messages counted over the nodes");
            for (String queue : queues) {
                assertEquals(0, client.total(nodes.port(0), queue), queue);
            }
            System.out.printf("%s: %d expired messages collected by %d nodes at once (2 passes each) in %d ms,"
                    + " counted %d%n", store, queues.size() * perQueue, NODES, millis, (long) expired);
        }
    }

    /** One pass on every node, all released at the same moment; returns when all are done. */
    private static void collectEverywhereAtOnce(ApiNodes nodes) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(nodes.size());
        try {
            List<Future<Object>> passes = new ArrayList<>();
            for (ZaqarServer node : nodes.servers()) {
                passes.add(pool.submit(() -> {
                    go.await();
                    node.collectGarbageNow();
                    return null;
                }));
            }
            go.countDown();
            for (Future<Object> pass : passes) {
                pass.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String scrape(ProjectClient client, ZaqarServer node) throws Exception {
        HttpResponse<String> scrape = client.send(node.metricsPort(), "GET", "/metrics", null);
        assertEquals(200, scrape.statusCode());
        return scrape.body();
    }

    /** The value of one sample of a scrape, e.g. {@code zaqar_messages_expired_total}. */
    private static double sample(String scrape, String series) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
        assertTrue(matcher.find(), series + " in\n" + scrape);
        return Double.parseDouble(matcher.group(1));
    }
}
