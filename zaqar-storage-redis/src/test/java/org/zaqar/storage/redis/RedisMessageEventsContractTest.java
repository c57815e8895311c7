package org.zaqar.storage.redis;

import java.time.InstantSource;

import org.junit.jupiter.api.AfterEach;
import org.zaqar.core.contract.MessageEventsContractTests;
import org.zaqar.core.storage.MessageEvents;
import org.zaqar.core.storage.MessageStorage;

class RedisMessageEventsContractTest extends MessageEventsContractTests {

    @Override
    protected MessageStorage openStorage(InstantSource clock, MessageEvents events) {
        return RedisTestServer.shared().open(clock, events);
    }

    @AfterEach
    void keyLayoutInvariantsHold() {
        RedisInvariants.assertHold(RedisTestServer.shared().port(), project, otherProject);
    }
}
