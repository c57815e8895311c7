package org.zaqar.storage.mongo;

import java.time.InstantSource;

import org.zaqar.core.contract.ClaimContractTests;
import org.zaqar.core.storage.MessageStorage;

class MongoClaimContractTest extends ClaimContractTests {

    @Override
    protected MessageStorage openStorage(InstantSource clock) {
        return MongoTestServer.get().openStorage(clock);
    }
}
