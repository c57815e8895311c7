package org.zaqar.api;

import java.time.InstantSource;

import org.zaqar.core.storage.MessageStorage;
import org.zaqar.core.validation.Validator;

/**
 * The request guard and the queue, message, claim and subscription operations, built once from
 * the settings: the HTTP routes and the WebSocket actions both run these, so each rule lives in
 * one place whatever the transport.
 */
record ApiResources(Validator validator, RequestGuard guard, SealedBodies bodies, QueueResource queues,
                    MessageResource messages, ClaimResource claims, SubscriptionResource subscriptions) {

    static ApiResources create(ApiSettings settings, MessageStorage storage, InstantSource clock,
                               ApiComponents components) {
        SecuritySettings security = components.security();
        Validator validator = new Validator(settings.limits());
        RequestGuard guard = new RequestGuard(validator, Policy.load(security.policyFile()),
                new ExtraSpecs(ApiResources.class.getClassLoader()));
        SealedBodies bodies = new SealedBodies(security.messageEncryption());
        return new ApiResources(validator, guard, bodies,
                new QueueResource(validator, storage, clock),
                new MessageResource(validator, storage, clock, settings.enableChecksum(), bodies),
                new ClaimResource(validator, storage, clock, bodies),
                new SubscriptionResource(validator, components, storage, clock, "queues"));
    }
}
