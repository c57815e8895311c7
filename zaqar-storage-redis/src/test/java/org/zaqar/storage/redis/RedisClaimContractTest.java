package org.zaqar.storage.redis;

import java.time.InstantSource;

import org.zaqar.core.contract.ClaimContractTests;
import org.zaqar.core.storage.MessageStorage;

class RedisClaimContractTest extends ClaimContractTests {

    @Override
    protected MessageStorage openStorage(InstantSource clock) {
        return RedisTestServer.shared().open(clock);
    }
}
