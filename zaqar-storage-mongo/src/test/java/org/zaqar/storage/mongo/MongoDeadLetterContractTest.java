package org.zaqar.storage.mongo;

import java.time.InstantSource;

import org.zaqar.core.contract.DeadLetterContractTests;
import org.zaqar.core.storage.MessageStorage;

class MongoDeadLetterContractTest extends DeadLetterContractTests {

    @Override
    protected MessageStorage openStorage(InstantSource clock) {
        return MongoTestServer.get().openStorage(clock);
    }
}
