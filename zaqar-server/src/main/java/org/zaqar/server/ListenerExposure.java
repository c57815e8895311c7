package org.zaqar.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

import org.zaqar.api.WebSocketSettings;

/**
 * Without authentication any client names any project in {@code X-Project-ID}: fine on
 * loopback (the default), dangerous on an address others reach. The server still starts, as
 * upstream's does, but says so loudly at start-up.
 */
final class ListenerExposure {
    private ListenerExposure() {
    }

    /** The warning to log when the served transport listens beyond loopback without authentication. */
    static Optional<String> warning(ServerOptions options) {
        if (options.authStrategy().equals("keystone")) {
            return Optional.empty();
        }
        boolean websocket = options.transport().equals(ServerOptions.WEBSOCKET);
        WebSocketSettings socket = options.websocket();
        String bind = websocket ? socket.bind() : options.bind();
        if (isLoopback(bind)) {
            return Optional.empty();
        }
        String option = websocket ? "[drivers:transport:websocket] bind" : "[drivers:transport:wsgi] bind";
        return Optional.of("!!! NO AUTHENTICATION on a non-loopback address: " + option + " = " + bind
                + " with [DEFAULT] auth_strategy = " + (options.authStrategy().isEmpty() ? "noauth (unset)"
                : options.authStrategy()) + ". Anyone who reaches this address reads, posts and deletes the "
                + "messages of every project. Set auth_strategy = keystone, or bind 127.0.0.1 behind an "
                + "authenticating proxy.");
    }

    private static boolean isLoopback(String bind) {
        try {
            return InetAddress.getByName(bind).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
