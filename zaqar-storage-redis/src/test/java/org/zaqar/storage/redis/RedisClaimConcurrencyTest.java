package org.zaqar.storage.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.zaqar.core.model.Claim;
import org.zaqar.core.model.ClaimRequest;
import org.zaqar.core.model.Message;
import org.zaqar.core.model.NewMessage;
import org.zaqar.core.storage.MessageStorage;

/** Several claimers on one queue of 10,000 messages each get every message exactly once while their claims live. */
class RedisClaimConcurrencyTest {
    private static final int MESSAGES = 10_000;
    private static final int CLAIMERS = 8;

    @Test
    void everyMessageIsClaimedExactlyOnce() throws Exception {
        String project = "concurrency-" + System.nanoTime();
        try (MessageStorage storage = RedisTestServer.shared().open(InstantSource.system())) {
            storage.queues().create(project, "q", Map.of());
            List<String> posted = new ArrayList<>();
            for (int start = 0; start < MESSAGES; start += 100) {
                List<NewMessage> batch = IntStream.range(start, start + 100)
                        .mapToObj(n -> new NewMessage("{\"n\":" + n + "}", 3600, 0, null)).toList();
                posted.addAll(storage.messages().post(project, "q", batch, "producer"));
            }

            ExecutorService executor = Executors.newFixedThreadPool(CLAIMERS);
            List<Future<List<String>>> futures = new ArrayList<>();
            for (int i = 0; i < CLAIMERS; i++) {
                futures.add(executor.submit(() -> {
                    List<String> mine = new ArrayList<>();
                    while (true) {
                        Claim claim = storage.claims().create(project, "q", new ClaimRequest(600, 60, 20));
                        if (claim.messages().isEmpty()) {
                            return mine;
                        }
                        for (Message message : claim.messages()) {
                            assertEquals(claim.id(), message.claimId());
                            assertTrue(message.createdAt().isBefore(Instant.now().plusSeconds(1)));
                            mine.add(message.id());
                        }
                    }
                }));
            }
            List<String> all = new ArrayList<>();
            for (Future<List<String>> future : futures) {
                all.addAll(future.get());
            }
            executor.shutdown();

            Set<String> distinct = new HashSet<>(all);
            assertEquals(all.size(), distinct.size(), "a message was claimed twice");
            assertEquals(new HashSet<>(posted), distinct, "every message was claimed");
            assertEquals(MESSAGES, storage.queues().stats(project, "q").claimed());
            storage.queues().delete(project, "q");
        }
    }
}
