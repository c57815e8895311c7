package org.zaqar.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.zaqar.core.error.ErrorCode;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.core.model.Pool;
import org.zaqar.core.storage.PoolStore;

/** The pool registry: upsert by name, unique uris, paging by name, lookup by flavor. */
public abstract class PoolContractTests extends ManagementContractSupport {

    private PoolStore pools() {
        return management.pools();
    }

    private Pool pool(String name, long weight, String flavor) {
        return new Pool(prefix + name, weight, "sqlite:///" + prefix + name + ".db", flavor, Map.of("n", 1));
    }

    @Test
    void putGetAndReplace() {
        pools().put(pool("a", 10, null));
        Pool stored = pools().get(prefix + "a");
        assertEquals(pool("a", 10, null), stored);
        assertNull(stored.flavor());
        pools().put(new Pool(prefix + "a", 20, "redis://h/" + prefix, "gold", Map.of()));
        assertEquals(20, pools().get(prefix + "a").weight());
        assertEquals("gold", pools().get(prefix + "a").flavor());
        assertEquals("redis://h/" + prefix, pools().get(prefix + "a").uri());
    }

    @Test
    void aMissingPoolIsNotFound() {
        ZaqarException e = assertThrows(ZaqarException.class, () -> pools().get(prefix + "none"));
        assertEquals(ErrorCode.NOT_FOUND, e.code());
        assertEquals("Pool " + prefix + "none does not exist", e.getMessage());
        assertFalse(pools().exists(prefix + "none"));
        pools().delete(prefix + "none");
    }

    @Test
    void anotherPoolWithTheSameUriConflicts() {
        pools().put(pool("a", 1, null));
        Pool copy = new Pool(prefix + "b", 1, pool("a", 1, null).uri(), null, Map.of());
        ZaqarException e = assertThrows(ZaqarException.class, () -> pools().put(copy));
        assertEquals(ErrorCode.CONFLICT, e.code());
        assertFalse(pools().exists(prefix + "b"));
    }

    @Test
    void byFlavorAndWithoutFlavor() {
        pools().put(pool("a", 1, prefix + "gold"));
        pools().put(pool("b", 1, prefix + "gold"));
        pools().put(pool("c", 1, null));
        assertEquals(List.of(prefix + "a", prefix + "b"),
                pools().byFlavor(prefix + "gold").stream().map(Pool::name).toList());
        assertTrue(pools().byFlavor(null).stream().anyMatch(p -> p.name().equals(prefix + "c")));
        pools().delete(prefix + "c");
        assertFalse(pools().exists(prefix + "c"));
    }

    @Test
    void listingPagesByName() {
        for (String name : List.of("c", "a", "b")) {
            pools().put(pool(name, 1, null));
        }
        var first = pools().list(prefix, 2);
        assertEquals(List.of(prefix + "a", prefix + "b"), first.items().stream().map(Pool::name).toList());
        var second = pools().list(first.nextMarker(), 2);
        assertEquals(prefix + "c", second.items().getFirst().name());
    }
}
