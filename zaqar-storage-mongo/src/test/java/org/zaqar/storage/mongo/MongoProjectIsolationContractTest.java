package org.zaqar.storage.mongo;

import java.time.InstantSource;

import org.zaqar.core.contract.ProjectIsolationContractTests;
import org.zaqar.core.storage.MessageStorage;

class MongoProjectIsolationContractTest extends ProjectIsolationContractTests {

    @Override
    protected MessageStorage openStorage(InstantSource clock) {
        return MongoTestServer.get().openStorage(clock);
    }
}
