package org.zaqar.api;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
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
    /** Notifications go in the format of the last subscription this connection made, as upstream. */
    private volatile boolean notifyInBinary;
    private ScheduledFuture<?> expiry;

    WebSocketSession(String id, WsContext socket) {
        this.id = id;
        this.socket = socket;
    }

    /**
     * Sends a frame as JSON text or MessagePack binary. Frames are written one at a time: replies
     * and notifications come from different threads.
     */
    synchronized void send(JsonNode frame, boolean binary) {
        if (binary) {
            socket.send(ByteBuffer.wrap(MessagePack.write(frame)));
        } else {
            socket.send(Json.text(frame));
        }
    }

    /**
     * Pushes a notification, JSON as the notifier posts it, in the format the subscription was
     * made in: as is in a text frame, or converted to MessagePack in a binary one.
     *
     * @throws JsonProcessingException when a binary one is not JSON
     */
    void notify(String notification) throws JsonProcessingException {
        if (notifyInBinary) {
            send(Json.MAPPER.readTree(notification), true);
        } else {
            synchronized (this) {
                socket.send(notification);
            }
        }
    }

    void notifyInBinary(boolean binary) {
        notifyInBinary = binary;
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
