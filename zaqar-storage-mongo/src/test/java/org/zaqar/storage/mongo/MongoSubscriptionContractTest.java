package org.zaqar.storage.mongo;

import java.time.InstantSource;

import org.zaqar.core.contract.SubscriptionContractTests;
import org.zaqar.core.storage.MessageStorage;

class MongoSubscriptionContractTest extends SubscriptionContractTests {

    @Override
    protected MessageStorage openStorage(InstantSource clock) {
        return MongoTestServer.get().openStorage(clock);
    }
}
