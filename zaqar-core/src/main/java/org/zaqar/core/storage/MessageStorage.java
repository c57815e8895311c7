package org.zaqar.core.storage;

import java.util.Set;

/**
 * The data plane of one backend: what {@code [drivers] message_store} selects. Stores for later
 * resources (subscriptions, topics) come as default methods that report the capability as
 * unsupported, so a backend without them still loads.
 */
public interface MessageStorage extends AutoCloseable {

    QueueStore queues();

    MessageStore messages();

    ClaimStore claims();

    /**
     * Subscriptions to queues and topics. A backend without them reports UNSUPPORTED.
     *
     * @throws org.zaqar.core.error.ZaqarException UNSUPPORTED when the backend keeps no subscriptions
     */
    default SubscriptionStore subscriptions() {
        throw org.zaqar.core.error.ZaqarException.unsupported("Subscriptions");
    }

    /**
     * Topics and their messages. By default kept as queues in a name space clients cannot reach,
     * so every backend has them; a backend may override this with a store of its own.
     */
    default TopicStore topics() {
        return new NamespacedTopicStore(queues(), messages());
    }

    /**
     * What upstream's driver of this backend declares it offers ({@code BASE_CAPABILITIES}); a
     * flavor shows those of its first pool. None by default, as upstream's base driver.
     */
    default Set<Capability> capabilities() {
        return Set.of();
    }

    /** True when the backend answers; used by {@code /v2/health} and {@code /v2/ping}. */
    boolean isAlive();

    /**
     * Live messages across every project and queue, for {@code /v2/health}. Counted like
     * {@link QueueStore#stats} (oldest and newest are left null).
     *
     * @return the counts, or null when the backend cannot count them
     */
    default org.zaqar.core.model.QueueStats messageVolume() {
        return null;
    }

    /** Removes expired messages and claims; called periodically by the server. */
    default void collectGarbage() {
    }

    @Override
    void close();
}
