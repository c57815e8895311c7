package org.zaqar.storage.mongo;

import java.time.InstantSource;

import org.zaqar.core.contract.TopicContractTests;
import org.zaqar.core.storage.MessageStorage;

class MongoTopicContractTest extends TopicContractTests {

    @Override
    protected MessageStorage openStorage(InstantSource clock) {
        return MongoTestServer.get().openStorage(clock);
    }
}
