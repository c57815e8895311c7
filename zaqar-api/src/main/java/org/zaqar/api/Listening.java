package org.zaqar.api;

import java.net.BindException;

import io.javalin.Javalin;
import io.javalin.util.JavalinBindException;
import org.zaqar.core.error.ZaqarException;

/**
 * Starts a Javalin listener and turns a refused bind (port in use, no permission, address not
 * on this host) into a start-up error naming the option, the address and the cause: the server
 * then prints one line and exits 2, as for any bad option, instead of a stack trace.
 */
final class Listening {
    private Listening() {
    }

    /** Starts {@code app} on the host and port its connector was configured with. */
    static void start(Javalin app, String option, String host, int port) {
        try {
            app.start();
        } catch (JavalinBindException e) {
            throw refused(option, host, port, e);
        }
    }

    /** Starts {@code app} on {@code host:port}. */
    static void startOn(Javalin app, String option, String host, int port) {
        try {
            app.start(host, port);
        } catch (JavalinBindException e) {
            throw refused(option, host, port, e);
        }
    }

    private static ZaqarException refused(String option, String host, int port, JavalinBindException e) {
        String reason = e.getMessage();
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException bind) {
                reason = bind.getMessage();
            }
        }
        return ZaqarException.validation(option + ": cannot listen on " + host + ":" + port + ": " + reason);
    }
}
