package org.zaqar.storage.swift;

import java.nio.file.Path;
import java.time.InstantSource;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;
import org.zaqar.core.config.ConfigSection;
import org.zaqar.core.config.ZaqarConfig;
import org.zaqar.core.contract.ClaimContractTests;
import org.zaqar.core.contract.ConcurrencyContractTests;
import org.zaqar.core.contract.DeadLetterContractTests;
import org.zaqar.core.contract.MessageContractTests;
import org.zaqar.core.contract.MessageEventsContractTests;
import org.zaqar.core.contract.ProjectIsolationContractTests;
import org.zaqar.core.contract.QueueContractTests;
import org.zaqar.core.contract.SubscriptionContractTests;
import org.zaqar.core.contract.TopicContractTests;
import org.zaqar.core.storage.MessageEvents;
import org.zaqar.core.storage.MessageStorage;
import org.zaqar.core.storage.StorageContext;

/**
 * Every data-plane contract suite against a real single-node Swift, with the queues in a SQLite
 * management store, configured the way zaqar.conf would (devstack's Swift layout).
 */
class SwiftContractTest {
    @TempDir
    static Path directory;

    static MessageStorage open(InstantSource clock, MessageEvents events) {
        SwiftTestServer swift = SwiftTestServer.shared();
        ZaqarConfig config = ZaqarConfig.parse("""
                [drivers]
                message_store = swift
                management_store = sqlalchemy
                [drivers:management_store:sqlalchemy]
                uri = sqlite:///%s
                """.formatted(directory.resolve("zaqar.db")));
        ConfigSection section = new ConfigSection("drivers:message_store:swift", swift.driverOptions());
        return new SwiftStorageDriver().openMessageStore(new StorageContext(section, config, clock, events));
    }

    static MessageStorage open(InstantSource clock) {
        return open(clock, MessageEvents.NONE);
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
        /** Each message is a Swift object, posted and read one request at a time: 200 keep the run short. */
        @Override
        protected int messageCount() {
            return 200;
        }

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
}
