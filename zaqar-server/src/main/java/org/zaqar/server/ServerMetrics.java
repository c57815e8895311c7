package org.zaqar.server;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.zaqar.api.RequestTracking;
import org.zaqar.core.config.ConfigSection;
import org.zaqar.core.config.Option;
import org.zaqar.core.config.ZaqarConfig;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.core.storage.MessageEvents;
import org.zaqar.notify.DeliveryObserver;

/**
 * Prometheus metrics (Micrometer): API requests by method, route template and status, messages
 * posted, claimed, deleted, expired and dead-lettered, store calls by operation and driver,
 * notification deliveries by subscriber type, garbage collection passes, and the JVM's memory, GC, threads and CPU. Served at {@code /metrics} on
 * a port of its own ({@code [metrics]}), never on the public API port.
 */
final class ServerMetrics implements RequestTracking.Observer, AutoCloseable {
    static final String SECTION = "metrics";
    static final Option<Boolean> ENABLED = Option.bool(SECTION, "enabled", false, "Serve Prometheus metrics at "
            + "/metrics on a port of its own: API requests by route and status, messages posted, claimed, deleted, "
            + "expired and dead-lettered, store calls and errors, notification deliveries, garbage collection, JVM "
            + "memory, GC and threads. This section is this server's own; upstream has none.");
    static final Option<String> BIND = Option.hostAddress(SECTION, "bind", "127.0.0.1", "Address of the metrics "
            + "endpoint; keep it off public networks.");
    static final Option<Integer> PORT = Option.port(SECTION, "port", 8889, "Port of the metrics endpoint.");
    static final List<Option<?>> OPTIONS = List.of(ENABLED, BIND, PORT);
    /**
     * The range of the latency histograms' buckets ({@code _bucket{le=...}}, from which Prometheus
     * computes percentiles with {@code histogram_quantile}): narrower than Micrometer's default
     * (1 ms to 30 s is what requests and store calls take), so fewer series per route.
     */
    private static final Duration FASTEST = Duration.ofMillis(1);
    private static final Duration SLOWEST = Duration.ofSeconds(30);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
    private final Counter posted = messageCounter("posted", "Messages clients posted");
    private final Counter claimed = messageCounter("claimed", "Messages clients claimed");
    private final Counter deleted = messageCounter("deleted", "Messages clients deleted (one per id of a "
            + "successful delete, and each message popped)");
    private final Counter expired = messageCounter("expired", "Messages the stores removed because their ttl "
            + "ran out");
    private final Counter deadLettered = messageCounter("dead_lettered", "Messages claims moved to their "
            + "dead-letter queue");
    private HttpServer endpoint;

    ServerMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gcMetrics.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    @Override
    public void completed(String method, String route, int status, long nanos) {
        Timer.builder("zaqar.api.requests")
                .description("API requests by method, route template and status")
                .tag("method", method).tag("route", route).tag("status", Integer.toString(status))
                .publishPercentileHistogram().minimumExpectedValue(FASTEST).maximumExpectedValue(SLOWEST)
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Registered up front, so that every counter is scraped from zero on. */
    private Counter messageCounter(String event, String description) {
        return Counter.builder("zaqar.messages." + event).description(description).register(registry);
    }

    void messagesPosted(long count) {
        posted.increment(count);
    }

    void messagesClaimed(long count) {
        claimed.increment(count);
    }

    void messagesDeleted(long count) {
        deleted.increment(count);
    }

    /** Counts what the message stores report of messages they expire or dead-letter. */
    MessageEvents messageEvents() {
        return new MessageEvents() {
            @Override
            public void expired(long count) {
                expired.increment(count);
            }

            @Override
            public void deadLettered(long count) {
                deadLettered.increment(count);
            }
        };
    }

    /** Counts notification deliveries by subscriber type (http, https, mailto, trust+http...). */
    DeliveryObserver deliveries() {
        return new DeliveryObserver() {
            @Override
            public void attempted(String subscriberType, boolean retry, boolean delivered) {
                Counter.builder("zaqar.notifications.attempts").description("Notification delivery attempts, "
                                + "first tries and retries, by subscriber type and outcome")
                        .tag("subscriber_type", subscriberType).tag("outcome", delivered ? "delivered" : "failed")
                        .register(registry).increment();
                if (retry) {
                    Counter.builder("zaqar.notifications.retries").description("Retries of failed webhook "
                                    + "deliveries (also counted as attempts)")
                            .tag("subscriber_type", subscriberType).register(registry).increment();
                }
            }

            @Override
            public void dropped(String subscriberType) {
                Counter.builder("zaqar.notifications.dropped").description("Notifications given up on: every "
                                + "retry failed, or the email could not be sent")
                        .tag("subscriber_type", subscriberType).register(registry).increment();
            }
        };
    }

    /** One call into a store, successful or not; labelled by operation, never by project or queue. */
    void storeCalled(String store, String operation, long nanos) {
        Timer.builder("zaqar.store.operations").description("Calls into the stores by operation and driver")
                .tag("op", operation).tag("store", store)
                .publishPercentileHistogram().minimumExpectedValue(FASTEST).maximumExpectedValue(SLOWEST)
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A store call that failed, as {@link StoreCalls#failure} names it. */
    void storeFailed(String store, String operation, String error) {
        Counter.builder("zaqar.store.errors").description("Store calls that failed: store unavailable, "
                + "or an unexpected exception by its class")
                .tag("op", operation).tag("store", store).tag("error", error)
                .register(registry).increment();
    }

    void garbageCollected(boolean succeeded) {
        Counter.builder("zaqar.gc.runs").description("Garbage-collection passes over the message store")
                .tag("outcome", succeeded ? "success" : "failure").register(registry).increment();
    }

    /** The Prometheus text exposition of every meter. */
    String scrape() {
        return registry.scrape();
    }

    /** Serves {@code /metrics} when {@code [metrics] enabled}; returns the port, or -1 when disabled. */
    int serve(ZaqarConfig config) {
        ConfigSection section = config.section(SECTION);
        if (!ENABLED.from(section)) {
            return -1;
        }
        String bind = BIND.from(section);
        int port = PORT.from(section);
        try {
            endpoint = HttpServer.create(new InetSocketAddress(bind, port), 0);
        } catch (IOException e) {
            throw ZaqarException.validation("[metrics] cannot listen on " + bind + ":" + port + ": " + e.getMessage());
        }
        endpoint.createContext("/metrics", this::answer);
        endpoint.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        endpoint.start();
        return endpoint.getAddress().getPort();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals("/metrics")) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body = scrape().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        if (endpoint != null) {
            endpoint.stop(0);
        }
        gcMetrics.close();
        registry.close();
    }
}
