package org.zaqar.storage.redis;

import java.time.InstantSource;

import org.junit.jupiter.api.AfterEach;
import org.zaqar.core.contract.ClaimContractTests;
import org.zaqar.core.storage.MessageStorage;

class RedisClaimContractTest extends ClaimContractTests {

    @Override
    protected MessageStorage openStorage(InstantSource clock) {
        return RedisTestServer.shared().open(clock);
    }

    @AfterEach
    void keyLayoutInvariantsHold() {
        RedisInvariants.assertHold(RedisTestServer.shared().port(), project, otherProject);
    }
}
