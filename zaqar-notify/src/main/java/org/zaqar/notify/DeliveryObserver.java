package org.zaqar.notify;

/**
 * Told about every attempt to deliver a notification, for the server's metrics. Subscribers are
 * named by type only, the scheme of their URI ({@code http}, {@code https}, {@code mailto},
 * {@code trust+http}...), never by address. Implementations must return quickly and never throw.
 */
public interface DeliveryObserver {
    /** Hears nothing. */
    DeliveryObserver NONE = new DeliveryObserver() {
    };

    /**
     * One attempt to deliver a notification (or a confirmation request).
     *
     * @param retry     false for the first attempt, true for a retry of a failed webhook
     * @param delivered whether the subscriber took it
     */
    default void attempted(String subscriberType, boolean retry, boolean delivered) {
    }

    /** A notification given up on: every retry of a webhook failed, or an email could not be sent. */
    default void dropped(String subscriberType) {
    }
}
