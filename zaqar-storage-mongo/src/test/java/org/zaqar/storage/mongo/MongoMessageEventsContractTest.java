package org.zaqar.storage.mongo;

import java.time.InstantSource;
import java.util.Map;

import org.zaqar.core.contract.MessageEventsContractTests;
import org.zaqar.core.storage.MessageEvents;
import org.zaqar.core.storage.MessageStorage;

class MongoMessageEventsContractTest extends MessageEventsContractTests {

    @Override
    protected MessageStorage openStorage(InstantSource clock, MessageEvents events) {
        return MongoTestServer.get().openStorage(clock, Map.of(), events);
    }
}
