package org.zaqar.storage.sql;

import java.time.InstantSource;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.zaqar.core.config.ConfigSection;
import org.zaqar.core.config.ZaqarConfig;
import org.zaqar.core.contract.CatalogContractTests;
import org.zaqar.core.contract.ClaimContractTests;
import org.zaqar.core.contract.FlavorContractTests;
import org.zaqar.core.contract.PoolContractTests;
import org.zaqar.core.contract.ConcurrencyContractTests;
import org.zaqar.core.contract.DeadLetterContractTests;
import org.zaqar.core.contract.MessageContractTests;
import org.zaqar.core.contract.MessageEventsContractTests;
import org.zaqar.core.contract.ProjectIsolationContractTests;
import org.zaqar.core.contract.QueueContractTests;
import org.zaqar.core.contract.SubscriptionContractTests;
import org.zaqar.core.contract.TopicContractTests;
import org.zaqar.core.storage.ManagementStorage;
import org.zaqar.core.storage.MessageEvents;
import org.zaqar.core.storage.MessageStorage;
import org.zaqar.core.storage.StorageContext;

/** Every contract suite against a real MariaDB server this test starts itself (skipped without one, unless ZAQAR_TEST_REQUIRE_MARIADB=1). */
class MariaDbContractTest {

    /** The server refuses a schema that is behind, so the suite migrates it as an operator would. */
    static MessageStorage open(InstantSource clock) {
        return open(clock, MessageEvents.NONE);
    }

    static MessageStorage open(InstantSource clock, MessageEvents events) {
        String uri = EmbeddedMariaDb.instance().uri();
        SqlSchema.withSchema(uri, schema -> schema.upgrade());
        ConfigSection section = new ConfigSection("drivers:message_store:sqlalchemy", Map.of("uri", uri));
        return new SqlStorageDriver().openMessageStore(new StorageContext(section, ZaqarConfig.empty(), clock, events));
    }

    @Nested
    class Queues extends QueueContractTests {
        @Override
        protected MessageStorage openStorage(InstantSource clock) {
            return open(clock);
        }
    }

    @Nested
    class Events extends MessageEventsContractTests {
        @Override
        protected MessageStorage openStorage(InstantSource clock, MessageEvents events) {
            return open(clock, events);
        }
    }

    @Nested
    class Messages extends MessageContractTests {
        @Override
        protected MessageStorage openStorage(InstantSource clock) {
            return open(clock);
        }
    }

    @Nested
    class Claims extends ClaimContractTests {
        @Override
        protected MessageStorage openStorage(InstantSource clock) {
            return open(clock);
        }
    }

    @Nested
    class DeadLetters extends DeadLetterContractTests {
        @Override
        protected MessageStorage openStorage(InstantSource clock) {
            return open(clock);
        }
    }

    @Nested
    class ProjectIsolation extends ProjectIsolationContractTests {
        @Override
        protected MessageStorage openStorage(InstantSource clock) {
            return open(clock);
        }
    }

    @Nested
    class Concurrency extends ConcurrencyContractTests {
        @Override
        protected MessageStorage openStorage(InstantSource clock) {
            return open(clock);
        }
    }

    @Nested
    class Subscriptions extends SubscriptionContractTests {
        @Override
        protected MessageStorage openStorage(InstantSource clock) {
            return open(clock);
        }
    }

    @Nested
    class Topics extends TopicContractTests {
        @Override
        protected MessageStorage openStorage(InstantSource clock) {
            return open(clock);
        }
    }

    static ManagementStorage openManagement() {
        String uri = EmbeddedMariaDb.instance().uri();
        SqlSchema.withSchema(uri, schema -> schema.upgrade());
        ConfigSection section = new ConfigSection("drivers:management_store:sqlalchemy", Map.of("uri", uri));
        return new SqlStorageDriver().openManagementStore(
                new StorageContext(section, ZaqarConfig.empty(), java.time.Clock.systemUTC()));
    }

    @Nested
    class Pools extends PoolContractTests {
        @Override
        protected ManagementStorage openManagement() {
            return MariaDbContractTest.openManagement();
        }
    }

    @Nested
    class Flavors extends FlavorContractTests {
        @Override
        protected ManagementStorage openManagement() {
            return MariaDbContractTest.openManagement();
        }
    }

    @Nested
    class Catalog extends CatalogContractTests {
        @Override
        protected ManagementStorage openManagement() {
            return MariaDbContractTest.openManagement();
        }
    }
}
