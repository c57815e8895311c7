package org.zaqar.server;

import java.time.InstantSource;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zaqar.api.ApiServer;
import org.zaqar.api.ApiSettings;
import org.zaqar.api.SecuritySettings;
import org.zaqar.core.config.ZaqarConfig;
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
    private final ApiServer api;
    private final ScheduledExecutorService collector;

    private ZaqarServer(ManagementStorage managementStorage, MessageStorage messageStorage, ApiServer api,
                        ScheduledExecutorService collector) {
        this.managementStorage = managementStorage;
        this.messageStorage = messageStorage;
        this.api = api;
        this.collector = collector;
    }

    /** Opens the stores and starts listening. Fails with a clear message on any bad option. */
    public static ZaqarServer start(ZaqarConfig config, InstantSource clock) {
        StorageDrivers drivers = new StorageDrivers(ZaqarServer.class.getClassLoader());
        KnownOptions.unknown(config, drivers).forEach(LOG::warn);
        ServerOptions options = ServerOptions.from(config);
        SecuritySettings security = SecurityOptions.from(config);
        LOG.info("Starting with {}", options);
        LOG.info("Security: {}", security);

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
                options.authStrategy());
        ApiServer api = new ApiServer(settings, security, messages, clock);
        try {
            api.start(options.bind(), options.port());
        } catch (RuntimeException e) {
            messages.close();
            management.close();
            throw e;
        }
        ScheduledExecutorService collector = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("zaqar-gc").factory());
        collector.scheduleWithFixedDelay(() -> collectGarbage(messages),
                GC_INTERVAL_SECONDS, GC_INTERVAL_SECONDS, TimeUnit.SECONDS);
        LOG.info("Zaqar listening on {}:{} (message store {}, management store {})",
                options.bind(), api.port(), options.messageStore(), options.managementStore());
        return new ZaqarServer(management, messages, api, collector);
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
        messageStorage.close();
        managementStorage.close();
        LOG.info("Zaqar stopped");
    }
}
