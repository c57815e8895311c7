package org.zaqar.api;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.Javalin;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zaqar.core.storage.MessageStorage;

/**
 * Upstream's WebSocket transport ({@code [drivers] transport = websocket}): the v2 API as JSON
 * frames on {@code [drivers:transport:websocket] bind:port}, and the notification server on
 * {@code notification_bind:notification_port} through which the notifier reaches connections
 * that subscribed to a queue. Runs the same guard, policy and operations as the HTTP API.
 */
public final class WebSocketServer {
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketServer.class);
    /** Keeps idle connections (a client waiting for notifications) open through Jetty's idle timeout. */
    private static final long PING_SECONDS = 15;

    private final ApiSettings settings;
    private final MessageStorage storage;
    private final InstantSource clock;
    private final ApiComponents components;
    private final Map<String, WebSocketSession> sessions = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("zaqar-websocket-expiry").factory());
    private Javalin notifications;
    private Javalin sockets;

    public WebSocketServer(ApiSettings settings, MessageStorage storage, InstantSource clock,
                           ApiComponents components) {
        this.settings = settings;
        this.storage = storage;
        this.clock = clock;
        this.components = components;
    }

    /** Starts the notification server, then the WebSocket server; port 0 picks a free port for either. */
    public void start(WebSocketSettings options) {
        try {
            listen(options);
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    private void listen(WebSocketSettings options) {
        notifications = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.useVirtualThreads = true;
        });
        notifications.post("/{session}", ctx -> {
            WebSocketSession session = sessions.get(ctx.pathParam("session"));
            if (session == null) {
                ctx.status(404);
                return;
            }
            try {
                session.notify(new String(ctx.bodyAsBytes(), StandardCharsets.UTF_8));
                ctx.status(200);
            } catch (JsonProcessingException e) {
                ctx.status(400);
            }
        });
        Listening.startOn(notifications, "[drivers:transport:websocket] notification_bind, notification_port",
                options.notificationBind() == null ? "0.0.0.0" : options.notificationBind(),
                options.notificationPort());
        String notificationUrl = "http://" + hostInUrl(options.notificationBind()) + ":" + notifications.port() + "/";

        SecuritySettings security = components.security();
        ApiResources resources = ApiResources.create(settings, storage, clock, components);
        WebSocketEndpoints endpoints = new WebSocketEndpoints(resources, storage, clock, notificationUrl);
        WebSocketProtocol protocol = new WebSocketProtocol(resources, endpoints,
                security.keystone() == null ? null : new KeystoneTokens(security.keystone(), clock),
                security.signedUrlSecretKey(), clock, timers, components.observer());
        long maxFrameBytes = ApiServer.maxRequestBytes(settings);
        sockets = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.useVirtualThreads = true;
            config.jetty.modifyWebSocketServletFactory(factory -> {
                factory.setMaxTextMessageSize(maxFrameBytes);
                factory.setMaxBinaryMessageSize(maxFrameBytes);
            });
            config.router.mount(router -> router.ws("/*", ws -> handle(ws, protocol, endpoints)));
        });
        Listening.startOn(sockets, "[drivers:transport:websocket] bind, port", options.bind(), options.port());
        LOG.info("WebSocket API on ws://{}:{}/, notifications received at {}", hostInUrl(options.bind()),
                sockets.port(), notificationUrl);
    }

    private void handle(WsConfig ws, WebSocketProtocol protocol, WebSocketEndpoints endpoints) {
        ws.onConnect(ctx -> {
            sessions.put(ctx.sessionId(), new WebSocketSession(ctx.sessionId(), ctx));
            ctx.enableAutomaticPings(PING_SECONDS, TimeUnit.SECONDS);
        });
        ws.onMessage(ctx -> protocol.onText(session(ctx), ctx.message()));
        ws.onBinaryMessage(ctx -> protocol.onBinary(session(ctx),
                Arrays.copyOfRange(ctx.data(), ctx.offset(), ctx.offset() + ctx.length())));
        ws.onClose(ctx -> {
            WebSocketSession session = sessions.remove(ctx.sessionId());
            if (session != null) {
                session.closed();
                endpoints.unsubscribe(session);
            }
        });
    }

    private WebSocketSession session(WsContext ctx) {
        return sessions.get(ctx.sessionId());
    }

    /** The host part of a URL: an IPv6 literal in brackets; no address means this machine's host name. */
    private static String hostInUrl(String address) {
        if (address == null) {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                return "localhost";
            }
        }
        return address.contains(":") ? "[" + address + "]" : address;
    }

    /** The WebSocket port, once started. */
    public int port() {
        return sockets.port();
    }

    /** The notification server's port, once started. */
    public int notificationPort() {
        return notifications.port();
    }

    /** Closes every connection and both servers. */
    public void stop() {
        if (sockets != null) {
            sockets.stop();
        }
        if (notifications != null) {
            notifications.stop();
        }
        timers.shutdownNow();
    }
}
