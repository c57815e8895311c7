package org.zaqar.storage.redis;

import java.time.InstantSource;

import org.zaqar.core.contract.SubscriptionContractTests;
import org.zaqar.core.storage.MessageStorage;

class RedisSubscriptionContractTest extends SubscriptionContractTests {

    @Override
    protected MessageStorage openStorage(InstantSource clock) {
        return RedisTestServer.shared().open(clock);
    }
}
