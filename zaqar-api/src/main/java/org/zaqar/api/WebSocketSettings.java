package org.zaqar.api;

/**
 * The {@code [drivers:transport:websocket]} options, already validated by the server.
 *
 * @param bind               address of the WebSocket server
 * @param port               its port; 0 picks a free one
 * @param externalPort       the port clients see, when a proxy maps another; accepted, not needed here
 * @param notificationBind   address of the notification server; null listens on every interface and
 *                           names the host name in subscriber URLs, as upstream
 * @param notificationPort   its port; 0 (upstream's default) picks a free one
 */
public record WebSocketSettings(String bind, int port, Integer externalPort, String notificationBind,
                                int notificationPort) {

    /** Upstream's defaults: 127.0.0.1:9000, notifications on a free port of every interface. */
    public static WebSocketSettings defaults() {
        return new WebSocketSettings("127.0.0.1", 9000, null, null, 0);
    }
}
