package org.zaqar.core.storage;

import java.util.List;

import org.zaqar.core.model.Page;
import org.zaqar.core.model.Pool;

/** The registered pools (control plane, shared by all projects). */
public interface PoolStore {

    /**
     * Creates the pool, or replaces the one of the same name.
     *
     * @throws org.zaqar.core.error.ZaqarException CONFLICT when another pool has the same uri
     */
    void put(Pool pool);

    /** @throws org.zaqar.core.error.ZaqarException NOT_FOUND when there is no such pool */
    Pool get(String name);

    boolean exists(String name);

    /** Pools sorted by name, after {@code marker} (a pool name) when given; next marker is the last name. */
    Page<Pool> list(String marker, int limit);

    /** The pools serving {@code flavor}, sorted by name; with a null flavor, the pools serving none. */
    List<Pool> byFlavor(String flavor);

    /** Deletes the pool; deleting a missing pool does nothing. */
    void delete(String name);
}
