package org.zaqar.core.storage;

import org.zaqar.core.model.Page;

/** The catalog: which pool each queue was placed on (control plane). */
public interface CatalogStore {

    /**
     * Places the queue on {@code pool} unless it is placed already, atomically: of concurrent
     * inserts of one queue, from any number of API nodes, exactly one takes effect, so every node
     * sends the queue's requests to the same pool.
     *
     * @return the pool the queue is placed on: {@code pool}, or the one an earlier insert chose
     */
    String insert(String project, String queue, String pool);

    /** @return the pool holding the queue, or null when the queue is not placed */
    String lookup(String project, String queue);

    /** Forgets the queue's placement; forgetting an unplaced queue does nothing. */
    void delete(String project, String queue);

    /** The project's placed queue names, sorted, after {@code marker} when given; next marker is the last name. */
    Page<String> list(String project, String marker, int limit);

    /** Number of the project's placed queues. */
    long count(String project);

    /** Number of queues placed on the pool, across projects. */
    long countInPool(String pool);
}
