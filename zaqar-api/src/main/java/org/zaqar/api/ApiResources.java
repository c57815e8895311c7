package org.zaqar.api;

import java.time.InstantSource;

import org.zaqar.core.storage.MessageStorage;
import org.zaqar.core.validation.Validator;

/**
 * The request guard and the queue, message, claim and subscription operations, built once from
 * the settings: the HTTP routes and the WebSocket actions both run these, so each rule lives in
 * one place whatever the transport.
 *
 * @param sealed the storage messages are read and written through ({@link SealedStorage}), for
 *               every resource that touches message bodies
 */
record ApiResources(Validator validator, RequestGuard guard, MessageStorage sealed, QueueResource queues,
                    MessageResource messages, ClaimResource claims, SubscriptionResource subscriptions) {

    static ApiResources create(ApiSettings settings, MessageStorage storage, InstantSource clock,
                               ApiComponents components) {
        SecuritySettings security = components.security();
        Validator validator = new Validator(settings.limits());
        Policy policy = Policy.load(security.policyFile(), security.policyDirectories(), security.policyDefaultRule(),
                security.keystone() != null);
        RequestGuard guard = new RequestGuard(validator, policy, new ExtraSpecs(ApiResources.class.getClassLoader()));
        MessageStorage sealed = SealedStorage.wrap(storage, security.messageEncryption());
        return new ApiResources(validator, guard, sealed,
                new QueueResource(validator, storage, clock),
                new MessageResource(validator, sealed, clock, settings.enableChecksum()),
                new ClaimResource(validator, sealed, clock),
                new SubscriptionResource(validator, components, storage, clock, "queues"));
    }
}
