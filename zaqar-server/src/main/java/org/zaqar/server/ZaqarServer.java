package org.zaqar.server;

import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.random.RandomGenerator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zaqar.api.ApiComponents;
import org.zaqar.api.ApiServer;
import org.zaqar.api.ApiSettings;
import org.zaqar.api.RequestTracking;
import org.zaqar.api.SecuritySettings;
import org.zaqar.api.WebSocketServer;
import org.zaqar.core.config.ConfigSection;
import org.zaqar.core.config.TransportLimits;
import org.zaqar.core.config.ZaqarConfig;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.core.notify.IdentityService;
import org.zaqar.core.pooling.PoolCatalog;
import org.zaqar.core.pooling.PooledMessageStorage;
import org.zaqar.core.storage.ManagementStorage;
import org.zaqar.core.storage.MessageEvents;
import org.zaqar.core.storage.MessageStorage;
import org.zaqar.core.storage.StorageContext;
import org.zaqar.core.storage.StorageDriver;
import org.zaqar.core.validation.SubscriptionRules;
import org.zaqar.notify.NotificationOptions;
import org.zaqar.notify.Notifier;

/**
 * The whole server wired by hand: options, storage drivers, the HTTP API, the notifier and the
 * garbage collector. This is the one place that sees every module.
 */
public final class ZaqarServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ZaqarServer.class);
    private static final long GC_INTERVAL_SECONDS = 10;

    private final ManagementStorage managementStorage;
    private final MessageStorage messageStorage;
    /** What the API serves: the message store, or the pools routing over it. */
    private final MessageStorage servedStorage;
    /** The transport served: the HTTP API or the WebSocket API. */
    private final Transport api;
    private final ScheduledExecutorService collector;
    /** One garbage-collection pass over the served stores, counted in the metrics. */
    private final Runnable garbagePass;
    private final Notifier notifier;
    private final ServerMetrics metrics;
    private final int metricsPort;
    private final GuruMeditation reports;
    private final Tracing tracing;

    private ZaqarServer(ManagementStorage managementStorage, MessageStorage messageStorage,
                        MessageStorage servedStorage, Transport api, ScheduledExecutorService collector,
                        Runnable garbagePass, Notifier notifier, ServerMetrics metrics, int metricsPort,
                        GuruMeditation reports, Tracing tracing) {
        this.managementStorage = managementStorage;
        this.messageStorage = messageStorage;
        this.servedStorage = servedStorage;
        this.api = api;
        this.collector = collector;
        this.garbagePass = garbagePass;
        this.notifier = notifier;
        this.metrics = metrics;
        this.metricsPort = metricsPort;
        this.reports = reports;
        this.tracing = tracing;
    }

    /** Opens the stores and starts listening. Fails with a clear message on any bad option. */
    public static ZaqarServer start(ZaqarConfig config, InstantSource clock) {
        StorageDrivers drivers = new StorageDrivers(ZaqarServer.class.getClassLoader());
        LOG.info("Storage drivers available: {}", drivers.names());
        config = OldOptionNames.apply(config, OptionRegistry.all(drivers));
        KnownOptions.unknown(config, drivers).forEach(LOG::warn);
        ServerOptions options = ServerOptions.from(config);
        SecuritySettings security = SecurityOptions.from(config);
        LOG.info(StartupSummary.serving(options));
        LOG.info(StartupSummary.security(options, security));
        ListenerExposure.warning(options).ifPresent(LOG::warn);
        StoragePipelines pipelines = StoragePipelines.from(config);
        pipelines.warnings().forEach(LOG::warn);
        LOG.info("Subscribers are {}notified of posted messages ([storage] message_pipeline {} {})",
                pipelines.notifies() ? "" : "NOT ", pipelines.notifies() ? "names" : "does not name",
                StoragePipelines.NOTIFIER);

        Tracing tracing = Tracing.from(config);
        ServerMetrics metrics = new ServerMetrics();
        ManagementStorage management;
        MessageStorage messages;
        try {
            management = new InstrumentedManagementStorage(ConfiguredStores.openManagement(config, options, drivers,
                    clock), new StoreCalls(metrics, tracing, options.managementStore(), tracing.tracesManagementStore()));
        } catch (RuntimeException e) {
            metrics.close();
            tracing.close();
            throw e;
        }
        try {
            messages = ConfiguredStores.openMessages(config, options, drivers, clock, metrics.messageEvents());
        } catch (RuntimeException e) {
            management.close();
            metrics.close();
            tracing.close();
            throw e;
        }
        ApiSettings settings = new ApiSettings(options.limits(), options.enableChecksum(), options.adminMode(),
                options.authStrategy(), options.enableDeprecatedApiVersions(), options.edge(), options.console());
        RequestTracking.Observer observer = new RequestTracking.Observer() {
            @Override
            public void started(String requestId) {
                tracing.started(requestId);
            }

            @Override
            public void completed(String method, String route, int status, long nanos) {
                metrics.completed(method, route, status, nanos);
                tracing.completed(method, route, status);
            }
        };
        PoolCatalog pooling = null;
        MessageStorage served = messages;
        MessageStorage instrumented;
        Notifier notifier = null;
        Transport api;
        int metricsPort;
        try {
            if (options.pooling()) {
                pooling = poolCatalog(config, clock, drivers, management, messages, metrics.messageEvents());
                served = new PooledMessageStorage(pooling, messages);
            }
            IdentityService identity = SecurityOptions.identity(config, security, clock);
            // The notifier's own bookkeeping (stored webhook retries) stays out of the message counts.
            notifier = new Notifier(served, NotificationOptions.from(config), clock, metrics.deliveries(), identity);
            instrumented = new InstrumentedMessageStorage(served, new StoreCalls(metrics, tracing,
                    options.pooling() ? "pooling" : options.messageStore(), tracing.tracesMessageStore()));
            ApiComponents components = new ApiComponents(security,
                    SubscriptionRules.from(config.section(TransportLimits.SECTION)), notifier, observer, pooling,
                    identity);
            metricsPort = metrics.serve(config);
            MessageStorage pipeline = pipelines.notifies() ? notifier.wrap(instrumented) : instrumented;
            api = Transport.start(options, settings, pipeline, clock, components);
            notifier.start();
        } catch (RuntimeException e) {
            if (notifier != null) {
                notifier.close();
            }
            metrics.close();
            tracing.close();
            if (pooling != null) {
                pooling.close();
            }
            messages.close();
            management.close();
            throw e;
        }
        ScheduledExecutorService collector = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("zaqar-gc").factory());
        MessageStorage collected = instrumented;
        Runnable garbagePass = () -> metrics.garbageCollected(collectGarbage(collected));
        collector.scheduleWithFixedDelay(garbagePass, GC_INTERVAL_SECONDS, GC_INTERVAL_SECONDS, TimeUnit.SECONDS);
        LOG.info("Zaqar serving {} on port {} (message store {}, management store {})", options.transport(),
                api.port(), options.messageStore(), options.managementStore());
        if (options.console() && options.transport().equals(ServerOptions.WSGI)) {
            LOG.info("Web console on http://{}:{}/console/", options.bind(), api.port());
        }
        if (metricsPort >= 0) {
            LOG.info("Prometheus metrics on http://{}:{}/metrics", ServerMetrics.BIND.from(config), metricsPort);
        }
        GuruMeditation reports = GuruMeditation.start(config, () -> "message store " + options.messageStore()
                + ": " + (messages.isAlive() ? "reachable" : "UNREACHABLE") + "\nmanagement store "
                + options.managementStore() + ": " + (management.isAlive() ? "reachable" : "UNREACHABLE"));
        return new ZaqarServer(management, messages, served, api, collector, garbagePass, notifier, metrics,
                metricsPort, reports, tracing);
    }

    /**
     * {@code [DEFAULT] pooling = true}: queues are placed on the pools registered in the management
     * store; each pool is opened by the driver of its uri's scheme. With {@code [pooling:catalog]
     * enable_virtual_pool} the default message store takes the queues no pool is there for.
     */
    private static PoolCatalog poolCatalog(ZaqarConfig config, InstantSource clock, StorageDrivers drivers,
                                           ManagementStorage management, MessageStorage messages,
                                           MessageEvents events) {
        try {
            management.pools();
        } catch (ZaqarException e) {
            throw ZaqarException.validation("[DEFAULT] pooling = true needs a management store with pools: "
                    + e.getMessage());
        }
        boolean virtualPool = ServerOptions.ENABLE_VIRTUAL_POOL.from(config);
        CacheOptions cache = CacheOptions.from(config);
        cache.warnings().forEach(LOG::warn);
        LOG.info("Queue placements are {}", cache.placementTtl() == null ? "read from the catalog for every request "
                + "([cache] is off)" : "cached for " + cache.placementTtl().toSeconds() + " s");
        return new PoolCatalog(management, uri -> {
            StorageDriver driver = drivers.forUri(uri);
            return driver.openMessageStore(new StorageContext(new ConfigSection(
                    "drivers:message_store:" + driver.name(), Map.of("uri", uri)), config, clock, events));
        }, virtualPool ? messages : null, RandomGenerator.getDefault(), cache.placementTtl());
    }

    /** The one transport a server runs, as upstream's {@code [drivers] transport} picks it. */
    private record Transport(IntSupplier boundPort, Runnable stopper) {
        static Transport start(ServerOptions options, ApiSettings settings, MessageStorage storage,
                               InstantSource clock, ApiComponents components) {
            if (options.transport().equals(ServerOptions.WEBSOCKET)) {
                WebSocketServer websocket = new WebSocketServer(settings, storage, clock, components);
                websocket.start(options.websocket());
                return new Transport(websocket::port, websocket::stop);
            }
            ApiServer http = new ApiServer(settings, storage, clock, components);
            http.start(options.bind(), options.port());
            return new Transport(http::port, http::stop);
        }

        int port() {
            return boundPort.getAsInt();
        }

        void stop() {
            stopper.run();
        }
    }

    private static boolean collectGarbage(MessageStorage storage) {
        try {
            storage.collectGarbage();
            return true;
        } catch (RuntimeException e) {
            LOG.warn("Garbage collection failed; will retry: {}", e.getMessage());
            return false;
        }
    }

    /**
     * Runs a garbage-collection pass now, on the collector's thread (so never beside a scheduled
     * one of this server), and waits for it: lets tests run passes on several servers at once.
     */
    void collectGarbageNow() throws InterruptedException, ExecutionException {
        collector.submit(garbagePass).get();
    }

    /** The port of the transport served: the HTTP API's, or the WebSocket API's with {@code transport = websocket}. */
    public int port() {
        return api.port();
    }

    /** The port of {@code /metrics}, or -1 when {@code [metrics] enabled} is false. */
    public int metricsPort() {
        return metricsPort;
    }

    /** Stops accepting requests, lets the running ones finish, then closes the stores. */
    @Override
    public void close() {
        reports.close();
        collector.shutdownNow();
        api.stop();
        notifier.close();
        metrics.close();
        tracing.close();
        if (servedStorage != messageStorage) {
            servedStorage.close();
        }
        messageStorage.close();
        managementStorage.close();
        LOG.info("Zaqar stopped");
    }
}
