package org.zaqar.storage.mongo;

import java.time.InstantSource;

import org.zaqar.core.contract.QueueContractTests;
import org.zaqar.core.storage.MessageStorage;

class MongoQueueContractTest extends QueueContractTests {

    @Override
    protected MessageStorage openStorage(InstantSource clock) {
        return MongoTestServer.get().openStorage(clock);
    }
}
