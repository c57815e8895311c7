package org.zaqar.storage.mongo;

import java.time.InstantSource;

import org.zaqar.core.contract.MessageContractTests;
import org.zaqar.core.storage.MessageStorage;

class MongoMessageContractTest extends MessageContractTests {

    @Override
    protected MessageStorage openStorage(InstantSource clock) {
        return MongoTestServer.get().openStorage(clock);
    }
}
