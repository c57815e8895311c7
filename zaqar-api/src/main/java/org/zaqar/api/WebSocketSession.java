package org.zaqar.api;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;

import io.javalin.websocket.WsContext;
import org.zaqar.core.model.RequestContext;

/**
 * One client connection: whom it authenticated as, when that expires, and the subscriptions
 * that notify it, removed when it closes (upstream's {@code MessagingProtocol} state).
 */
final class WebSocketSession {
    /** A subscription whose notifications come to this connection. */
    record Subscribed(RequestContext request, String queue, String subscriptionId) {
    }

    /** Random (a UUID), so that only the notifier that was told it can push into this connection. */
    final String id;
    private final WsContext socket;
    private final List<Subscribed> subscriptions = new CopyOnWriteArrayList<>();
    private volatile Identity identity;
    private ScheduledFuture<?> expiry;

    WebSocketSession(String id, WsContext socket) {
        this.id = id;
        this.socket = socket;
    }

    /** Frames are written one at a time: replies and notifications come from different threads. */
    synchronized void send(String text) {
        socket.send(text);
    }

    /** Who authenticated on this connection; null before {@code authenticate} or after the token expired. */
    Identity identity() {
        return identity;
    }

    /** Authenticated until {@code expiry} fires; a later authentication replaces the former. */
    synchronized void authenticated(Identity identity, ScheduledFuture<?> expiry) {
        cancelExpiry();
        this.identity = identity;
        this.expiry = expiry;
    }

    /** The token expired: forget it and close the connection as upstream does. */
    void expire() {
        identity = null;
        socket.closeSession(4003, "Authentication expired.");
    }

    void subscribed(Subscribed subscription) {
        subscriptions.add(subscription);
    }

    List<Subscribed> subscriptions() {
        return List.copyOf(subscriptions);
    }

    synchronized void closed() {
        cancelExpiry();
        identity = null;
    }

    private void cancelExpiry() {
        if (expiry != null) {
            expiry.cancel(false);
            expiry = null;
        }
    }
}
