package org.zaqar.api;

import java.time.InstantSource;

import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import org.zaqar.core.notify.SubscriptionEvents;
import org.zaqar.core.storage.MessageStorage;
import org.zaqar.core.validation.SubscriptionRules;
import org.zaqar.core.validation.Validator;

/**
 * The HTTP API of upstream Zaqar v2 on Javalin (Jetty, virtual threads): same URLs, methods,
 * status codes, headers and JSON bodies. Knows no storage backend, only the SPI.
 */
public final class ApiServer {
    /** Far above every body limit, so upstream's own size checks answer before Jetty's. */
    private static final long MAX_REQUEST_BYTES = 64L * 1024 * 1024;

    private final Javalin app;

    public ApiServer(ApiSettings settings, MessageStorage storage, InstantSource clock) {
        this(settings, storage, clock, ApiComponents.defaults());
    }

    public ApiServer(ApiSettings settings, MessageStorage storage, InstantSource clock, ApiComponents components) {
        Validator validator = new Validator(settings.limits());
        RequestGuard guard = new RequestGuard(validator);
        ServiceResource service = new ServiceResource(storage, settings.adminMode(), settings.deprecatedApiVersions());
        QueueResource queues = new QueueResource(validator, storage, clock);
        MessageResource messages = new MessageResource(validator, storage, clock, settings.enableChecksum());
        ClaimResource claims = new ClaimResource(validator, storage, clock);
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.useVirtualThreads = true;
            config.http.prefer405over404 = true;
            config.http.defaultContentType = Json.CONTENT_TYPE;
            config.http.maxRequestSize = MAX_REQUEST_BYTES;
            config.router.ignoreTrailingSlashes = true;
            config.jetty.modifyServer(server -> server.setErrorHandler(new JettyErrors()));
            config.router.mount(router -> {
                RequestTracking.install(router, components.observer());
                Routes routes = new Routes(router, guard);
                service.register(routes);
                queues.register(routes);
                messages.register(routes);
                claims.register(routes);
                registerSubscriptionsAndTopics(routes, validator, components.subscriptionRules(), storage, clock,
                        components.events(), settings.enableChecksum());
                if (components.pooling() != null && settings.adminMode()) {
                    AdminResources.register(routes, settings, validator, components.pooling());
                }
                LegacyVersion.enabled(settings.deprecatedApiVersions()).forEach(version -> {
                    new LegacyServiceResource(version, storage, settings.adminMode()).register(routes);
                    new LegacyQueueResource(version, validator, storage, clock).register(routes);
                    new LegacyMessageResource(version, validator, storage, clock).register(routes);
                    new LegacyClaimResource(version, validator, storage, clock).register(routes);
                });
                routes.addOptions();
                router.exception(HttpResponseException.class, ErrorMapper::handle);
                router.exception(Exception.class, ErrorMapper::handle);
            });
        });
    }

    private static void registerSubscriptionsAndTopics(Routes routes, Validator validator, SubscriptionRules rules,
                                                       MessageStorage storage, InstantSource clock,
                                                       SubscriptionEvents events, boolean enableChecksum) {
        new SubscriptionResource(validator, rules, storage, clock, events, "queues").register(routes);
        MessageStorage topics = new TopicView(storage);
        new QueueResource(validator, topics, clock, "topics").register(routes);
        new MessageResource(validator, topics, clock, enableChecksum, "topics").register(routes);
        new SubscriptionResource(validator, rules, topics, clock, events, "topics").register(routes);
    }

    /** Starts listening; port 0 picks a free port, see {@link #port()}. */
    public void start(String host, int port) {
        app.start(host, port);
    }

    public int port() {
        return app.port();
    }

    /** Stops accepting requests and lets the running ones finish. */
    public void stop() {
        app.stop();
    }
}
