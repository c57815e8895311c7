package org.zaqar.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The catalog of queue placements. */
public abstract class CatalogContractTests extends ManagementContractSupport {

    @Test
    void insertLookupMoveDelete() {
        assertNull(management.catalog().lookup(project, "q"));
        management.catalog().insert(project, "q", prefix + "p1");
        assertEquals(prefix + "p1", management.catalog().lookup(project, "q"));
        assertNull(management.catalog().lookup("other-" + project, "q"));
        management.catalog().insert(project, "q", prefix + "p2");
        assertEquals(prefix + "p2", management.catalog().lookup(project, "q"));
        assertEquals(1, management.catalog().countInPool(prefix + "p2"));
        management.catalog().delete(project, "q");
        assertNull(management.catalog().lookup(project, "q"));
        management.catalog().delete(project, "q");
        assertEquals(0, management.catalog().countInPool(prefix + "p2"));
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
