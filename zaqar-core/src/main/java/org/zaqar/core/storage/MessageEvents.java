package org.zaqar.core.storage;

/**
 * What a message store tells the server about messages it removes or moves on its own, for the
 * server's metrics: expiry and dead-lettering happen inside the store, where no caller sees them.
 * Called after the change is committed, never for a change that was rolled back; implementations
 * must return quickly and never throw.
 */
public interface MessageEvents {
    /** Hears nothing: for tools and tests that keep no metrics. */
    MessageEvents NONE = new MessageEvents() {
    };

    /**
     * {@code count} messages whose ttl ran out were removed. Each removed message is reported once,
     * at the latest by the {@link MessageStorage#collectGarbage} pass that follows its removal.
     */
    default void expired(long count) {
    }

    /** A claim moved {@code count} messages that reached {@code _max_claim_count} to their dead-letter queue. */
    default void deadLettered(long count) {
    }
}
