package org.zaqar.core.storage;

/**
 * The data plane of one backend: what {@code [drivers] message_store} selects. Stores for later
 * resources (subscriptions, topics) come as default methods that report the capability as
 * unsupported, so a backend without them still loads.
 */
public interface MessageStorage extends AutoCloseable {

    QueueStore queues();

    MessageStore messages();

    ClaimStore claims();

    /** True when the backend answers; used by {@code /v2/health} and {@code /v2/ping}. */
    boolean isAlive();

    /** Removes expired messages and claims; called periodically by the server. */
    default void collectGarbage() {
    }

    @Override
    void close();
}
