package org.zaqar.api;

import org.zaqar.core.notify.IdentityService;
import org.zaqar.core.notify.SubscriptionEvents;
import org.zaqar.core.pooling.PoolCatalog;
import org.zaqar.core.validation.SubscriptionRules;

/**
 * What the HTTP API is wired with besides its settings, storage and clock. Each part has a
 * default that leaves its feature inert, so tests and small setups name only what they use.
 *
 * @param security          authentication, policy, CORS, pre-signed URLs and message encryption
 * @param subscriptionRules {@code [transport] subscriber_types}
 * @param events            hears of subscriptions that need a confirmation request
 * @param observer          told about every finished request (route, status, latency), e.g. for metrics
 * @param pooling           the pool catalog when {@code [DEFAULT] pooling} is on (the storage then
 *                          routes by it), else null; with admin mode it serves the pools and flavors API
 * @param identity          makes the Keystone trust of a {@code trust+} subscriber
 */
public record ApiComponents(SecuritySettings security, SubscriptionRules subscriptionRules, SubscriptionEvents events,
                            RequestTracking.Observer observer, PoolCatalog pooling, IdentityService identity) {

    public static ApiComponents defaults() {
        return new ApiComponents(SecuritySettings.noauth(), new SubscriptionRules(SubscriptionRules.DEFAULT_SUBSCRIBER_TYPES),
                SubscriptionEvents.NONE, RequestTracking.Observer.NONE, null, IdentityService.NONE);
    }

    public ApiComponents withPooling(PoolCatalog catalog) {
        return new ApiComponents(security, subscriptionRules, events, observer, catalog, identity);
    }

    public ApiComponents withSecurity(SecuritySettings settings) {
        return new ApiComponents(settings, subscriptionRules, events, observer, pooling, identity);
    }
}
