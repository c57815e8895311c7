package org.zaqar.storage.mongo;

import java.time.InstantSource;

import org.zaqar.core.contract.ConcurrencyContractTests;
import org.zaqar.core.storage.MessageStorage;

class MongoConcurrencyContractTest extends ConcurrencyContractTests {

    @Override
    protected MessageStorage openStorage(InstantSource clock) {
        return MongoTestServer.get().openStorage(clock);
    }
}
