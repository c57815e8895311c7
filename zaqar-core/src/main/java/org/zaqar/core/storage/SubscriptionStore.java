package org.zaqar.core.storage;

import java.util.Map;

import org.zaqar.core.model.Page;
import org.zaqar.core.model.Subscription;

/**
 * Subscriptions of one project, each to a source (a queue or topic name). A subscription lives
 * {@code ttl} seconds from creation (or from the last update of its ttl); an expired one is never
 * returned, listed or counted as a duplicate. Subscriptions do not depend on their source
 * existing: they survive the deletion of their queue, as upstream.
 */
public interface SubscriptionStore {

    /**
     * Creates an unconfirmed subscription.
     *
     * @return its new id
     * @throws org.zaqar.core.error.ZaqarException CONFLICT when a live subscription of the same source
     *                                             has the same subscriber
     */
    String create(String project, String source, String subscriber, int ttl, Map<String, Object> options);

    /**
     * False only when this store knows that the source had no subscription when messages were
     * last posted to it (through this store), so that the notifier need not list them for that
     * post. A subscription created through this store makes it true at once.
     */
    default boolean mayHaveSubscriptions(String project, String source) {
        return true;
    }

    /** @throws org.zaqar.core.error.ZaqarException NOT_FOUND when missing, expired or of another source */
    Subscription get(String project, String source, String id);

    /** The live subscription of {@code source} with this subscriber, or null. */
    Subscription getBySubscriber(String project, String source, String subscriber);

    /**
     * Lists live subscriptions of the source ordered by id. The next marker is the id of the last
     * subscription of the page; passed back as {@code marker} it continues right after it.
     */
    Page<Subscription> list(String project, String source, String marker, int limit);

    /**
     * Changes the given fields; null leaves a field as it is. A new ttl counts from now.
     *
     * @throws org.zaqar.core.error.ZaqarException NOT_FOUND when missing or expired; CONFLICT when the new
     *                                             subscriber is taken by another subscription of the source
     */
    void update(String project, String source, String id, String subscriber, Integer ttl,
                Map<String, Object> options);

    /** @throws org.zaqar.core.error.ZaqarException NOT_FOUND when missing or expired */
    void confirm(String project, String source, String id, boolean confirmed);

    /** Deletes one subscription; deleting a missing one does nothing. */
    void delete(String project, String source, String id);

    /** Deletes every subscription of the source (purge with resource type subscriptions). */
    void deleteAll(String project, String source);
}
