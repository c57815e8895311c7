package org.zaqar.storage.redis;

import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.zaqar.core.config.ConfigSection;
import org.zaqar.core.config.ZaqarConfig;
import org.zaqar.core.contract.CatalogContractTests;
import org.zaqar.core.contract.FlavorContractTests;
import org.zaqar.core.contract.PoolContractTests;
import org.zaqar.core.storage.ManagementStorage;
import org.zaqar.core.storage.StorageContext;

/** The control-plane suites against a real Redis server. */
class RedisPoolingContractTest {

    static ManagementStorage open() {
        ConfigSection section = new ConfigSection("drivers:management_store:redis",
                Map.of("uri", RedisTestServer.shared().uri()));
        return new RedisStorageDriver().openManagementStore(new StorageContext(section, ZaqarConfig.empty(),
                java.time.Clock.systemUTC()));
    }

    @Nested
    class Pools extends PoolContractTests {
        @Override
        protected ManagementStorage openManagement() {
            return open();
        }
    }

    @Nested
    class Flavors extends FlavorContractTests {
        @Override
        protected ManagementStorage openManagement() {
            return open();
        }
    }

    @Nested
    class Catalog extends CatalogContractTests {
        @Override
        protected ManagementStorage openManagement() {
            return open();
        }
    }
}
