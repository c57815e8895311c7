package org.zaqar.core.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.zaqar.core.error.ErrorCode;
import org.zaqar.core.model.ClaimRequest;
import org.zaqar.core.model.Page;
import org.zaqar.core.model.QueueInfo;
import org.zaqar.core.model.QueueListQuery;
import org.zaqar.core.model.QueueStats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Queues: creation, metadata, listing, counting and stats. */
public abstract class QueueContractTests extends StorageContractSupport {

    @Test
    void createThenExists() {
        assertFalse(queues().exists(project, "fizbit"));
        assertTrue(queues().create(project, "fizbit", Map.of("a", 1)));
        assertTrue(queues().exists(project, "fizbit"));
    }

    @Test
    void createAgainReturnsFalseAndKeepsMetadata() {
        assertTrue(queues().create(project, "q", Map.of("a", 1)));
        assertFalse(queues().create(project, "q", Map.of("a", 2)));
        assertEquals(Map.of("a", 1), queues().getMetadata(project, "q"));
    }

    @Test
    void metadataRoundTripsNestedJson() {
        Map<String, Object> metadata = Map.of(
                "_default_message_ttl", 3600,
                "nested", Map.of("list", List.of("x", true, 2.5), "none", "null-ish"),
                "text", "héllo");
        queues().create(project, "q", metadata);
        assertEquals(metadata, queues().getMetadata(project, "q"));
    }

    @Test
    void setMetadataReplacesTheWhole() {
        queues().create(project, "q", Map.of("a", 1, "b", 2));
        queues().setMetadata(project, "q", Map.of("c", "three"));
        assertEquals(Map.of("c", "three"), queues().getMetadata(project, "q"));
    }

    @Test
    void metadataOfMissingQueueFails() {
        assertError(ErrorCode.QUEUE_DOES_NOT_EXIST, () -> queues().getMetadata(project, "nope"));
        assertError(ErrorCode.QUEUE_DOES_NOT_EXIST, () -> queues().setMetadata(project, "nope", Map.of()));
    }

    @Test
    void getOfMissingQueueIsEmptyAndCreatesNothing() {
        assertEquals(Map.of(), queues().get(project, "nope"));
        assertFalse(queues().exists(project, "nope"));
        queues().create(project, "q", Map.of("a", 1));
        assertEquals(Map.of("a", 1), queues().get(project, "q"));
    }

    @Test
    void deleteRemovesQueueAndItsMessages() {
        createQueue("q");
        postNumbered("q", 3);
        queues().delete(project, "q");
        assertFalse(queues().exists(project, "q"));
        createQueue("q");
        assertEquals(0, queues().stats(project, "q").total());
        assertTrue(messages().list(project, "q", defaultListing(10)).items().isEmpty());
    }

    @Test
    void deleteMissingQueueDoesNothing() {
        queues().delete(project, "never-was");
        assertFalse(queues().exists(project, "never-was"));
    }

    @Test
    void listIsSortedByNameAndPagesWithMarker() {
        for (String name : List.of("delta", "alpha", "echo", "charlie", "bravo")) {
            createQueue(name);
        }
        List<String> seen = new ArrayList<>();
        String marker = null;
        int pages = 0;
        while (true) {
            Page<QueueInfo> page = queues().list(project, new QueueListQuery(marker, 2, false, null, Map.of()));
            if (page.items().isEmpty()) {
                break;
            }
            assertTrue(page.items().size() <= 2);
            page.items().forEach(info -> assertNull(info.metadata(), "metadata only in detailed listings"));
            page.items().forEach(info -> seen.add(info.name()));
            assertEquals(page.items().getLast().name(), page.nextMarker());
            marker = page.nextMarker();
            pages++;
        }
        assertEquals(List.of("alpha", "bravo", "charlie", "delta", "echo"), seen);
        assertEquals(3, pages);
    }

    @Test
    void detailedListIncludesMetadata() {
        queues().create(project, "a", Map.of("k", "v"));
        queues().create(project, "b", Map.of());
        Page<QueueInfo> page = queues().list(project, new QueueListQuery(null, 10, true, null, Map.of()));
        assertEquals(List.of(new QueueInfo("a", Map.of("k", "v")), new QueueInfo("b", Map.of())), page.items());
    }

    @Test
    void listFiltersByNameSubstring() {
        for (String name : List.of("orders-eu", "orders-us", "billing", "old-orders")) {
            createQueue(name);
        }
        Page<QueueInfo> page = queues().list(project, new QueueListQuery(null, 10, false, "orders", Map.of()));
        assertEquals(List.of("old-orders", "orders-eu", "orders-us"),
                page.items().stream().map(QueueInfo::name).toList());
    }

    @Test
    void listFiltersByMetadataAndStillPages() {
        for (int i = 0; i < 6; i++) {
            queues().create(project, "q" + i, Map.of("team", i % 2 == 0 ? "red" : "blue", "n", i));
        }
        Map<String, Object> filter = Map.of("team", "red");
        Page<QueueInfo> first = queues().list(project, new QueueListQuery(null, 2, true, null, filter));
        assertEquals(List.of("q0", "q2"), first.items().stream().map(QueueInfo::name).toList());
        Page<QueueInfo> second = queues().list(project, new QueueListQuery(first.nextMarker(), 2, true, null, filter));
        assertEquals(List.of("q4"), second.items().stream().map(QueueInfo::name).toList());
        Page<QueueInfo> numeric = queues().list(project,
                new QueueListQuery(null, 10, false, null, Map.of("team", "blue", "n", 3)));
        assertEquals(List.of("q3"), numeric.items().stream().map(QueueInfo::name).toList());
    }

    @Test
    void emptyListHasNoMarker() {
        Page<QueueInfo> page = queues().list(project, new QueueListQuery(null, 10, false, null, Map.of()));
        assertTrue(page.items().isEmpty());
        assertNull(page.nextMarker());
    }

    @Test
    void countCountsTheProjectsQueues() {
        assertEquals(0, queues().count(project));
        createQueue("a");
        createQueue("b");
        createQueue("c");
        queues().delete(project, "b");
        assertEquals(2, queues().count(project));
    }

    @Test
    void statsOfEmptyQueue() {
        createQueue("q");
        assertEquals(new QueueStats(0, 0, 0, null, null), queues().stats(project, "q"));
    }

    @Test
    void statsOfMissingQueueFails() {
        assertError(ErrorCode.QUEUE_DOES_NOT_EXIST, () -> queues().stats(project, "nope"));
    }

    @Test
    void statsCountFreeClaimedOldestAndNewest() {
        createQueue("q");
        String first = postNumbered("q", 1).getFirst();
        clock.advanceSeconds(5);
        postNumbered("q", 2);
        clock.advanceSeconds(5);
        String last = postNumbered("q", 1).getFirst();
        claims().create(project, "q", new ClaimRequest(60, 60, 3));

        QueueStats stats = queues().stats(project, "q");
        assertEquals(1, stats.free());
        assertEquals(3, stats.claimed());
        assertEquals(4, stats.total());
        assertNotNull(stats.oldest());
        assertEquals(first, stats.oldest().id());
        assertEquals(clock.instant().minusSeconds(10), stats.oldest().createdAt());
        assertEquals(last, stats.newest().id());
        assertEquals(clock.instant(), stats.newest().createdAt());
    }

    @Test
    void statsCountDelayedAsFreeAndNeverCountExpired() {
        createQueue("q");
        messages().post(project, "q", List.of(message("{}", 60), delayedMessage("{}", 600, 100)), "c");
        assertEquals(2, queues().stats(project, "q").free());
        clock.advanceSeconds(61);
        QueueStats stats = queues().stats(project, "q");
        assertEquals(1, stats.free());
        assertEquals(1, stats.total());
        assertEquals(stats.oldest(), stats.newest());
    }
}
