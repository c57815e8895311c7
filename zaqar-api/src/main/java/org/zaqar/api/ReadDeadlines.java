package org.zaqar.api;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.HttpChannel;
import org.eclipse.jetty.server.HttpConnection;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Closes HTTP connections that are too slow to send a request. Jetty's idle timeout only fires
 * when nothing arrives at all, so a client that drips a byte now and then would hold its
 * connection forever; here each phase has a deadline of its own: the request line and headers
 * (also the wait of a kept-alive connection for its next request), then the body. While the
 * server handles a request, no deadline runs. Added to the connector as a bean, it hears of every
 * connection and request, and sweeps the open connections a few times per deadline.
 */
final class ReadDeadlines extends AbstractLifeCycle implements Connection.Listener, HttpChannel.Listener {
    private static final long HANDLING = Long.MAX_VALUE;
    private static final long MAX_SWEEP_MILLIS = 1000;

    private final long headerNanos;
    private final long bodyNanos;
    private final long sweepMillis;
    private final Scheduler scheduler;
    /** Open HTTP connections, each with the System.nanoTime() by which its current phase must end. */
    private final Map<EndPoint, Long> deadlines = new ConcurrentHashMap<>();
    private volatile Scheduler.Task sweep;

    ReadDeadlines(Duration header, Duration body, Scheduler scheduler) {
        this.headerNanos = header.toNanos();
        this.bodyNanos = body.toNanos();
        this.sweepMillis = Math.clamp(Math.min(header.toMillis(), body.toMillis()) / 4, 10, MAX_SWEEP_MILLIS);
        this.scheduler = scheduler;
    }

    @Override
    protected void doStart() {
        scheduleSweep();
    }

    @Override
    protected void doStop() {
        Scheduler.Task task = sweep;
        if (task != null) {
            task.cancel();
        }
        deadlines.clear();
    }

    private void scheduleSweep() {
        if (isRunning() || isStarting()) {
            sweep = scheduler.schedule(this::sweepOnce, sweepMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void sweepOnce() {
        long now = System.nanoTime();
        try {
            deadlines.forEach((endPoint, deadline) -> {
                if (deadline != HANDLING && now - deadline > 0) {
                    deadlines.remove(endPoint);
                    endPoint.close();
                }
            });
        } finally {
            scheduleSweep();
        }
    }

    /** Only HTTP connections: an upgraded WebSocket connection lives as long as its client wants. */
    @Override
    public void onOpened(Connection connection) {
        if (connection instanceof HttpConnection) {
            deadlines.put(connection.getEndPoint(), System.nanoTime() + headerNanos);
        }
    }

    @Override
    public void onClosed(Connection connection) {
        deadlines.remove(connection.getEndPoint());
    }

    /** The headers arrived: the body has its own deadline. */
    @Override
    public void onRequestBegin(Request request) {
        deadlines.computeIfPresent(request.getHttpChannel().getEndPoint(), (endPoint, old) -> System.nanoTime() + bodyNanos);
    }

    /** The whole request arrived: the server takes the time it needs. */
    @Override
    public void onRequestEnd(Request request) {
        deadlines.computeIfPresent(request.getHttpChannel().getEndPoint(), (endPoint, old) -> HANDLING);
    }

    /** Answered: a kept-alive connection has the header deadline to send its next request. */
    @Override
    public void onComplete(Request request) {
        deadlines.computeIfPresent(request.getHttpChannel().getEndPoint(), (endPoint, old) -> System.nanoTime() + headerNanos);
    }

    /** Connections being watched; for tests. */
    int watched() {
        return deadlines.size();
    }
}
