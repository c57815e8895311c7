package org.zaqar.core.contract;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.zaqar.core.error.ErrorCode;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.core.model.Claim;
import org.zaqar.core.model.ClaimRequest;
import org.zaqar.core.model.Message;
import org.zaqar.core.model.NewMessage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Claims and pops from many threads at once never hand out a message twice. */
public abstract class ConcurrencyContractTests extends StorageContractSupport {

    /** How many messages the queue holds; a slow backend may lower it. */
    protected int messageCount() {
        return 1000;
    }

    protected int threadCount() {
        return 8;
    }

    private List<String> fillQueue() {
        createQueue("q");
        List<String> posted = new ArrayList<>();
        for (int start = 0; start < messageCount(); start += 100) {
            List<NewMessage> batch = IntStream.range(start, Math.min(start + 100, messageCount()))
                    .mapToObj(n -> message("{\"n\":" + n + "}", 3600))
                    .toList();
            posted.addAll(messages().post(project, "q", batch, "c"));
        }
        return posted;
    }

    /** Runs {@code worker} on every thread at once and returns what each one collected. */
    private List<List<String>> runConcurrently(Callable<List<String>> worker) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(threadCount());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<String>>> futures = new ArrayList<>();
            for (int i = 0; i < threadCount(); i++) {
                futures.add(executor.submit(() -> {
                    start.await();
                    return worker.call();
                }));
            }
            start.countDown();
            List<List<String>> results = new ArrayList<>();
            for (Future<List<String>> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            executor.shutdownNow();
        }
    }

    private static void assertEachExactlyOnce(List<String> posted, List<List<String>> received) {
        List<String> all = received.stream().flatMap(List::stream).toList();
        Set<String> distinct = new HashSet<>(all);
        assertEquals(distinct.size(), all.size(), "a message was handed out twice");
        assertEquals(new HashSet<>(posted), distinct, "every message is handed out");
    }

    @Test
    void concurrentClaimersReceiveEveryMessageExactlyOnce() throws Exception {
        List<String> posted = fillQueue();
        Set<String> claimIds = ConcurrentHashMap.newKeySet();
        List<List<String>> received = runConcurrently(() -> {
            List<String> mine = new ArrayList<>();
            while (true) {
                Claim claim = claims().create(project, "q", new ClaimRequest(600, 60, 7));
                if (claim.messages().isEmpty()) {
                    return mine;
                }
                assertTrue(claimIds.add(claim.id()), "claim ids are unique");
                claim.messages().forEach(message -> assertEquals(claim.id(), message.claimId()));
                mine.addAll(claim.messages().stream().map(Message::id).toList());
            }
        });
        assertEachExactlyOnce(posted, received);
        assertEquals(messageCount(), queues().stats(project, "q").claimed());
    }

    @Test
    void concurrentPopsNeverReturnTheSameMessage() throws Exception {
        List<String> posted = fillQueue();
        List<List<String>> received = runConcurrently(() -> {
            List<String> mine = new ArrayList<>();
            while (true) {
                List<Message> popped = messages().pop(project, "q", 5);
                if (popped.isEmpty()) {
                    return mine;
                }
                mine.addAll(popped.stream().map(Message::id).toList());
            }
        });
        assertEachExactlyOnce(posted, received);
        assertEquals(0, queues().stats(project, "q").total());
    }

    @Test
    void messagesPostedWhileAQueueIsDeletedNeverReappear() throws Exception {
        createQueue("q");
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService posters = Executors.newFixedThreadPool(threadCount());
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < threadCount(); i++) {
                futures.add(posters.submit(() -> {
                    while (running.get()) {
                        try {
                            messages().post(project, "q", List.of(message("{}", 3600)), "c");
                        } catch (ZaqarException e) {
                            assertEquals(ErrorCode.QUEUE_DOES_NOT_EXIST, e.code(), e.getMessage());
                        }
                    }
                    return null;
                }));
            }
            for (int round = 0; round < 20; round++) {
                queues().delete(project, "q");
                createQueue("q");
            }
            running.set(false);
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            posters.shutdownNow();
        }
        queues().delete(project, "q");
        createQueue("q");
        String fresh = messages().post(project, "q", List.of(message("{}", 3600)), "c").getFirst();
        assertEquals(List.of(fresh), ids(listAll("q", 10, true)));
        assertEquals(1, queues().stats(project, "q").total());
    }

    @Test
    void concurrentPostsKeepMarkersMonotonic() throws Exception {
        createQueue("q");
        List<List<String>> posted = runConcurrently(() -> {
            List<String> mine = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                mine.addAll(messages().post(project, "q", List.of(message("{}", 3600), message("{}", 3600)), "c"));
            }
            return mine;
        });
        List<String> listed = ids(listAll("q", 7, true));
        assertEachExactlyOnce(listed, posted);
        assertEquals(listed.size(), new HashSet<>(listed).size());
        for (List<String> own : posted) {
            List<String> ownInListingOrder = listed.stream().filter(new HashSet<>(own)::contains).toList();
            assertEquals(own, ownInListingOrder, "each poster's messages are listed in posting order");
        }
    }
}
