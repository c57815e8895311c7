package org.zaqar.server;

import java.time.InstantSource;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zaqar.api.ApiServer;
import org.zaqar.api.ApiSettings;
import org.zaqar.core.config.ConfigSection;
import org.zaqar.core.config.ZaqarConfig;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.core.pooling.PoolCatalog;
import org.zaqar.core.pooling.PooledMessageStorage;
import org.zaqar.core.storage.ManagementStorage;
import org.zaqar.core.storage.MessageStorage;
import org.zaqar.core.storage.StorageContext;
import org.zaqar.core.storage.StorageDriver;

/**
 * The whole server wired by hand: options, storage drivers, the HTTP API and the garbage
 * collector. This is the one place that sees every module.
 */
public final class ZaqarServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ZaqarServer.class);
    private static final long GC_INTERVAL_SECONDS = 10;

    private final ManagementStorage managementStorage;
    private final MessageStorage messageStorage;
    /** What the API serves: the message store, or the pools routing over it. */
    private final MessageStorage servedStorage;
    private final ApiServer api;
    private final ScheduledExecutorService collector;

    private ZaqarServer(ManagementStorage managementStorage, MessageStorage messageStorage,
                        MessageStorage servedStorage, ApiServer api, ScheduledExecutorService collector) {
        this.managementStorage = managementStorage;
        this.messageStorage = messageStorage;
        this.servedStorage = servedStorage;
        this.api = api;
        this.collector = collector;
    }

    /** Opens the stores and starts listening. Fails with a clear message on any bad option. */
    public static ZaqarServer start(ZaqarConfig config, InstantSource clock) {
        StorageDrivers drivers = new StorageDrivers(ZaqarServer.class.getClassLoader());
        KnownOptions.unknown(config, drivers).forEach(LOG::warn);
        ServerOptions options = ServerOptions.from(config);
        LOG.info("Starting with {}", options);

        StorageDriver managementDriver = drivers.named(options.managementStore(), "management_store");
        StorageDriver messageDriver = drivers.named(options.messageStore(), "message_store");

        ManagementStorage management = managementDriver.openManagementStore(new StorageContext(
                config.section("drivers:management_store:" + options.managementStore()), config, clock));
        MessageStorage messages;
        try {
            messages = messageDriver.openMessageStore(new StorageContext(
                    config.section("drivers:message_store:" + options.messageStore()), config, clock));
        } catch (RuntimeException e) {
            management.close();
            throw e;
        }
        ApiSettings settings = new ApiSettings(options.limits(), options.enableChecksum(), options.adminMode(),
                options.authStrategy(), options.enableDeprecatedApiVersions());
        PoolCatalog pooling = null;
        MessageStorage served = messages;
        ApiServer api;
        try {
            if (options.pooling()) {
                pooling = poolCatalog(config, clock, drivers, management, messages);
                served = new PooledMessageStorage(pooling);
            }
            api = new ApiServer(settings, served, clock, pooling);
            api.start(options.bind(), options.port());
        } catch (RuntimeException e) {
            if (pooling != null) {
                pooling.close();
            }
            messages.close();
            management.close();
            throw e;
        }
        ScheduledExecutorService collector = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("zaqar-gc").factory());
        MessageStorage collected = served;
        collector.scheduleWithFixedDelay(() -> collectGarbage(collected),
                GC_INTERVAL_SECONDS, GC_INTERVAL_SECONDS, TimeUnit.SECONDS);
        LOG.info("Zaqar listening on {}:{} (message store {}, management store {})",
                options.bind(), api.port(), options.messageStore(), options.managementStore());
        return new ZaqarServer(management, messages, served, api, collector);
    }

    /**
     * {@code [DEFAULT] pooling = true}: queues are placed on the pools registered in the management
     * store; each pool is opened by the driver of its uri's scheme. With {@code [pooling:catalog]
     * enable_virtual_pool} the default message store takes the queues no pool is there for.
     */
    private static PoolCatalog poolCatalog(ZaqarConfig config, InstantSource clock, StorageDrivers drivers,
                                           ManagementStorage management, MessageStorage messages) {
        try {
            management.pools();
        } catch (ZaqarException e) {
            throw ZaqarException.validation("[DEFAULT] pooling = true needs a management store with pools: "
                    + e.getMessage());
        }
        boolean virtualPool = config.section("pooling:catalog").getBoolean("enable_virtual_pool", false);
        return new PoolCatalog(management, uri -> {
            StorageDriver driver = drivers.forUri(uri);
            return driver.openMessageStore(new StorageContext(new ConfigSection(
                    "drivers:message_store:" + driver.name(), Map.of("uri", uri)), config, clock));
        }, virtualPool ? messages : null, RandomGenerator.getDefault());
    }

    private static void collectGarbage(MessageStorage storage) {
        try {
            storage.collectGarbage();
        } catch (RuntimeException e) {
            LOG.warn("Garbage collection failed; will retry: {}", e.getMessage());
        }
    }

    public int port() {
        return api.port();
    }

    /** Stops accepting requests, lets the running ones finish, then closes the stores. */
    @Override
    public void close() {
        collector.shutdownNow();
        api.stop();
        if (servedStorage != messageStorage) {
            servedStorage.close();
        }
        messageStorage.close();
        managementStorage.close();
        LOG.info("Zaqar stopped");
    }
}
