package org.zaqar.core.storage;

import java.util.Map;

import org.zaqar.core.error.ErrorCode;
import org.zaqar.core.error.ZaqarException;

import org.zaqar.core.model.Page;
import org.zaqar.core.model.QueueInfo;
import org.zaqar.core.model.QueueListQuery;
import org.zaqar.core.model.QueueStats;

/**
 * Queues of one project. Every method is scoped by {@code project}: a queue of the same name in
 * another project is a different queue and is never seen. Names arrive validated.
 */
public interface QueueStore {

    /**
     * Creates the queue with the given metadata.
     *
     * @return true if it was created, false if it existed already (its metadata is then left as it was)
     */
    boolean create(String project, String name, Map<String, Object> metadata);

    boolean exists(String project, String name);

    /**
     * @return the queue's metadata as stored (reserved keys included, defaults not filled in)
     * @throws org.zaqar.core.error.ZaqarException QUEUE_DOES_NOT_EXIST
     */
    Map<String, Object> getMetadata(String project, String name);

    /**
     * The queue's metadata as upstream's queue controller {@code get} answers it: as stored, or
     * empty when the queue does not exist (a queue is created lazily by its first post, so reading
     * a missing one is not an error in API v1.1 and v2).
     */
    default Map<String, Object> get(String project, String name) {
        try {
            return getMetadata(project, name);
        } catch (ZaqarException e) {
            if (e.code() != ErrorCode.QUEUE_DOES_NOT_EXIST) {
                throw e;
            }
            return Map.of();
        }
    }

    /**
     * The metadata a post of messages is built from (default TTL and delay, size limit,
     * encryption). A store may answer from a short-lived local cache to save a round trip per
     * post; such a store must then refuse, with QUEUE_METADATA_CHANGED, a post to a queue whose
     * metadata changed since, so that the caller reads it again and retries.
     *
     * @throws org.zaqar.core.error.ZaqarException QUEUE_DOES_NOT_EXIST
     */
    default Map<String, Object> metadataForPosting(String project, String name) {
        return getMetadata(project, name);
    }

    /**
     * Replaces the queue's metadata as a whole.
     *
     * @throws org.zaqar.core.error.ZaqarException QUEUE_DOES_NOT_EXIST
     */
    void setMetadata(String project, String name, Map<String, Object> metadata);

    /** Deletes the queue with its messages and claims. Deleting a missing queue does nothing. */
    void delete(String project, String name);

    /**
     * Lists queues sorted by name. The next marker is the name of the last queue of the page.
     */
    Page<QueueInfo> list(String project, QueueListQuery query);

    /** Number of queues of the project. */
    long count(String project);

    /**
     * Counts the live messages of the queue.
     *
     * @throws org.zaqar.core.error.ZaqarException QUEUE_DOES_NOT_EXIST
     */
    QueueStats stats(String project, String name);
}
