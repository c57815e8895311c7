package org.zaqar.storage.mongo;

import java.time.Clock;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.zaqar.core.config.ConfigSection;
import org.zaqar.core.config.ZaqarConfig;
import org.zaqar.core.contract.CatalogContractTests;
import org.zaqar.core.contract.FlavorContractTests;
import org.zaqar.core.contract.PoolContractTests;
import org.zaqar.core.storage.ManagementStorage;
import org.zaqar.core.storage.StorageContext;

/** The control-plane suites against MongoDB, on a database of this run. */
class MongoPoolingContractTest {
    private static final String DATABASE = MongoTestServer.freshDatabase();

    static ManagementStorage open() {
        ConfigSection section = new ConfigSection(MongoStorageOptions.MANAGEMENT_STORE_SECTION,
                Map.of("uri", MongoTestServer.get().uri, "database", DATABASE));
        return new MongoStorageDriver().openManagementStore(new StorageContext(section, ZaqarConfig.empty(),
                Clock.systemUTC()));
    }

    @AfterAll
    static void dropDatabase() {
        MongoTestServer.get().client().getDatabase(DATABASE).drop();
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
