package org.zaqar.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The catalog of queue placements. */
public abstract class CatalogContractTests extends ManagementContractSupport {

    @Test
    void theFirstInsertPlacesTheQueueUntilItIsDeleted() {
        assertNull(management.catalog().lookup(project, "q"));
        assertEquals(prefix + "p1", management.catalog().insert(project, "q", prefix + "p1"));
        assertEquals(prefix + "p1", management.catalog().lookup(project, "q"));
        assertNull(management.catalog().lookup("other-" + project, "q"));
        assertEquals(prefix + "p1", management.catalog().insert(project, "q", prefix + "p2"),
                "a placed queue stays where it is");
        assertEquals(prefix + "p1", management.catalog().lookup(project, "q"));
        assertEquals(1, management.catalog().countInPool(prefix + "p1"));
        assertEquals(0, management.catalog().countInPool(prefix + "p2"));
        management.catalog().delete(project, "q");
        assertNull(management.catalog().lookup(project, "q"));
        management.catalog().delete(project, "q");
        assertEquals(0, management.catalog().countInPool(prefix + "p1"));
        assertEquals(prefix + "p2", management.catalog().insert(project, "q", prefix + "p2"));
    }

    /** As API nodes placing one new queue at the same moment: they all end up with one pool. */
    @Test
    void concurrentInsertsOfAQueueAgreeOnOnePool() throws Exception {
        int inserts = 8;
        CyclicBarrier together = new CyclicBarrier(inserts);
        ExecutorService threads = Executors.newFixedThreadPool(inserts);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int insert = 0; insert < inserts; insert++) {
                String pool = prefix + "p" + insert;
                answers.add(threads.submit(() -> {
                    together.await(30, TimeUnit.SECONDS);
                    return management.catalog().insert(project, "contended", pool);
                }));
            }
            Set<String> placements = new HashSet<>();
            for (Future<String> answer : answers) {
                placements.add(answer.get(30, TimeUnit.SECONDS));
            }
            assertEquals(Set.of(management.catalog().lookup(project, "contended")), placements);
            assertEquals(1, management.catalog().countInPool(placements.iterator().next()));
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void listingAndCountPerProject() {
        for (String queue : List.of("c", "a", "b")) {
            management.catalog().insert(project, queue, prefix + "p");
        }
        management.catalog().insert("other-" + project, "z", prefix + "p");
        assertEquals(3, management.catalog().count(project));
        var first = management.catalog().list(project, null, 2);
        assertEquals(List.of("a", "b"), first.items());
        assertEquals(List.of("c"), management.catalog().list(project, first.nextMarker(), 2).items());
    }
}
