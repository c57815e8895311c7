package org.zaqar.api;

import java.time.InstantSource;
import java.util.EnumSet;
import java.util.List;

import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import jakarta.servlet.DispatcherType;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.FilterHolder;
import org.zaqar.core.message.MessageEncryption;
import org.zaqar.core.storage.MessageStorage;
import org.zaqar.core.validation.Validator;

/**
 * The HTTP API of upstream Zaqar v2 on Javalin (Jetty, virtual threads): same URLs, methods,
 * status codes, headers and JSON bodies. Knows no storage backend, only the SPI.
 */
public final class ApiServer {
    private static final int RESPONSE_COPY_BYTES = 4096;
    /** Slack above upstream's body limits, so upstream's own size checks answer before the cap does. */
    private static final long BODY_SLACK_BYTES = 1024L * 1024;

    /**
     * The fewest bytes one posted message takes, {@code {"body":0}} and a comma: the most messages
     * one post may carry is the post size limit over this.
     */
    static final int SMALLEST_MESSAGE_BYTES = 11;
    /** The longest message id a store hands out: a UUID (Redis); SQL and MongoDB ids are shorter. */
    static final int LONGEST_MESSAGE_ID = 36;
    /** Room for every other header of a response, and for a Location prefix naming the longest queue. */
    private static final int OTHER_HEADER_BYTES = 8192;

    private final Javalin app;
    private final EdgeSettings edge;
    private volatile String host = "127.0.0.1";
    private volatile int port;
    private volatile ReadDeadlines deadlines;

    public ApiServer(ApiSettings settings, MessageStorage storage, InstantSource clock) {
        this(settings, storage, clock, ApiComponents.defaults());
    }

    public ApiServer(ApiSettings settings, MessageStorage storage, InstantSource clock, ApiComponents components) {
        SecuritySettings security = components.security();
        ApiResources resources = ApiResources.create(settings, storage, clock, components);
        Validator validator = resources.validator();
        long maxRequestBytes = maxRequestBytes(settings);
        Cors cors = new Cors(security.cors());
        Authenticator authenticator = new Authenticator(security.signedUrlSecretKey(),
                security.keystone() == null ? null : new KeystoneTokens(security.keystone(), clock),
                security.keystone() == null ? null : security.keystone().wwwAuthenticateUri(), clock,
                settings.console());
        ShareResource share = new ShareResource(security.signedUrlSecretKey(), clock);
        HealthCheck health = new HealthCheck(storage, components.pooling());
        ServiceResource service = new ServiceResource(health, settings.adminMode(), settings.deprecatedApiVersions());
        this.edge = settings.edge();
        int responseHeaderBytes = responseHeaderBytes(settings);
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.useVirtualThreads = true;
            config.requestLogger.http(AccessLog::log);
            config.http.prefer405over404 = true;
            config.http.defaultContentType = Json.CONTENT_TYPE;
            config.http.maxRequestSize = maxRequestBytes;
            // Javalin copies each response through a buffer of this size, Jetty's 32 KiB by default:
            // most of what a request allocated. Ours are small; larger ones take a few more copies.
            config.http.responseBufferSize = RESPONSE_COPY_BYTES;
            config.jetty.modifyHttpConfiguration(http -> http.setResponseHeaderSize(responseHeaderBytes));
            config.jetty.addConnector(this::connector);
            config.jetty.modifyServletContextHandler(handler -> {
                if (edge.maxConcurrentRequests() > 0) {
                    handler.addFilter(new FilterHolder(new AdmissionLimit(edge.maxConcurrentRequests())), "/*",
                            EnumSet.of(DispatcherType.REQUEST));
                }
                handler.addFilter(new FilterHolder(new NoMethodOverride()), "/*", EnumSet.of(DispatcherType.REQUEST));
                handler.addFilter(new FilterHolder(new BodyLimit(maxRequestBytes)), "/*",
                        EnumSet.of(DispatcherType.REQUEST));
                if (security.keystone() != null) {
                    handler.addFilter(new FilterHolder(new IdentityHeaders()), "/*", EnumSet.of(DispatcherType.REQUEST));
                }
            });
            config.router.ignoreTrailingSlashes = true;
            config.jetty.modifyServer(server -> server.setErrorHandler(new JettyErrors()));
            config.router.mount(router -> {
                RequestTracking.install(router, components.observer());
                router.before(cors::apply);
                router.before(authenticator::authenticate);
                Routes routes = new Routes(router, resources.guard());
                service.register(routes);
                if (settings.console()) {
                    new Console().register(router);
                }
                resources.queues().register(routes);
                resources.messages().register(routes);
                resources.claims().register(routes);
                share.register(routes);
                resources.subscriptions().register(routes);
                registerTopics(routes, validator, components, storage, clock, settings.enableChecksum(),
                        security.messageEncryption());
                if (components.pooling() != null && settings.adminMode()) {
                    AdminResources.register(routes, settings, validator, components.pooling());
                }
                LegacyVersion.enabled(settings.deprecatedApiVersions()).forEach(version -> {
                    new LegacyServiceResource(version, health, settings.adminMode()).register(routes);
                    new LegacyQueueResource(version, validator, storage, clock).register(routes);
                    new LegacyMessageResource(version, validator, resources.sealed(), clock).register(routes);
                    new LegacyClaimResource(version, validator, resources.sealed(), clock).register(routes);
                });
                routes.addHeads();
                routes.addOptions();
                router.exception(HttpResponseException.class, ErrorMapper::handle);
                router.exception(Exception.class, ErrorMapper::handle);
            });
        });
    }

    private static void registerTopics(Routes routes, Validator validator, ApiComponents components,
                                       MessageStorage storage, InstantSource clock, boolean enableChecksum,
                                       MessageEncryption encryption) {
        MessageStorage topics = new TopicView(storage);
        new QueueResource(validator, topics, clock, "topics").register(routes);
        new MessageResource(validator, SealedStorage.wrap(topics, encryption), clock, enableChecksum, "topics")
                .register(routes);
        new SubscriptionResource(validator, components, topics, clock, "topics").register(routes);
    }

    /** The largest request body (or WebSocket frame) read: twice upstream's largest limit, plus slack. */
    static long maxRequestBytes(ApiSettings settings) {
        return 2L * Math.max(settings.limits().maxMessagesPostSize(), settings.limits().maxQueueMetadata())
                + BODY_SLACK_BYTES;
    }

    /**
     * Response headers must hold the Location of the largest post the limits allow: one id per
     * message, and a post of the size limit may carry a message per {@link #SMALLEST_MESSAGE_BYTES}
     * (v1, v1.1 and v2 alike; WebSocket answers carry no headers). Jetty takes a buffer this large
     * only for a response whose headers outgrow its first, small one.
     */
    static int responseHeaderBytes(ApiSettings settings) {
        long messages = settings.limits().maxMessagesPostSize() / SMALLEST_MESSAGE_BYTES + 1;
        long bytes = messages * (LONGEST_MESSAGE_ID + 1) + OTHER_HEADER_BYTES;
        return (int) Math.min(bytes, Integer.MAX_VALUE - 8);
    }

    /** The listening connector, with the read deadlines; Javalin calls it as it starts. */
    private Connector connector(Server server, HttpConfiguration http) {
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        // Jetty's idle timeout stays as a backstop: no phase waits longer than the longer deadline in silence.
        connector.setIdleTimeout(Math.max(edge.headerTimeout().toMillis(), edge.bodyTimeout().toMillis()));
        ReadDeadlines watch = new ReadDeadlines(edge.headerTimeout(), edge.bodyTimeout(), connector.getScheduler());
        connector.addBean(watch);
        deadlines = watch;
        return connector;
    }

    /** Connections the read deadlines watch; for tests. */
    int watchedConnections() {
        return deadlines == null ? 0 : deadlines.watched();
    }

    /** Every route served, as "METHOD /path/{param}": for tests that must reach each one. */
    List<String> routes() {
        return app.unsafeConfig().pvt.internalRouter.allHttpHandlers().stream()
                .filter(handler -> handler.getEndpoint().getMethod().isHttpMethod())
                .map(handler -> handler.getEndpoint().getMethod().name() + " " + handler.getEndpoint().getPath())
                .toList();
    }

    /** Starts listening; port 0 picks a free port, see {@link #port()}. */
    public void start(String host, int port) {
        this.host = host;
        this.port = port;
        Listening.start(app, "[drivers:transport:wsgi] bind, port", host, port);
    }

    public int port() {
        return app.port();
    }

    /** Stops accepting requests and lets the running ones finish. */
    public void stop() {
        app.stop();
    }
}
