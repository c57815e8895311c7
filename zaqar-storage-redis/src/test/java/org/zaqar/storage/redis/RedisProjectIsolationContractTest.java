package org.zaqar.storage.redis;

import java.time.InstantSource;

import org.zaqar.core.contract.ProjectIsolationContractTests;
import org.zaqar.core.storage.MessageStorage;

class RedisProjectIsolationContractTest extends ProjectIsolationContractTests {

    @Override
    protected MessageStorage openStorage(InstantSource clock) {
        return RedisTestServer.shared().open(clock);
    }
}
