package org.zaqar.core.notify;

import java.time.Instant;

import org.zaqar.core.model.Subscription;

/**
 * What the API tells the notification service about subscriptions that need a confirmation
 * request. (Posted messages reach it through the storage it wraps.) Implementations must return
 * quickly and deliver elsewhere: these calls run on the request path.
 */
public interface SubscriptionEvents {
    /** Hears nothing: for servers and tests without notifications. */
    SubscriptionEvents NONE = new SubscriptionEvents() {
    };

    /**
     * A subscription was created (or re-posted while unconfirmed), or its subscriber unsubscribed by
     * confirming with false: send the confirmation or unsubscribe notice, when confirmation is required.
     *
     * @param project      the client's project
     * @param sourcePath   the source's API path, such as {@code /v2/queues/q1}
     * @param unsubscribed true for the unsubscribe notice
     * @param expires      when the signed confirm URL expires: as upstream, the ttl of the request
     *                     (or the default) after a post, the default subscription ttl after an unsubscribe
     */
    default void confirmationNeeded(String project, String sourcePath, Subscription subscription,
                                    boolean unsubscribed, Instant expires) {
    }
}
