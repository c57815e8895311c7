package org.zaqar.storage.redis;

import java.time.InstantSource;

import org.zaqar.core.contract.TopicContractTests;
import org.zaqar.core.storage.MessageStorage;

class RedisTopicContractTest extends TopicContractTests {

    @Override
    protected MessageStorage openStorage(InstantSource clock) {
        return RedisTestServer.shared().open(clock);
    }
}
