package org.zaqar.storage.redis;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The socket timeout of Redis calls made on virtual threads, kept by one watchdog thread instead
 * of a timed socket read per call: a virtual thread blocked in a timed read arms and cancels a
 * JDK timer on every call, which at thousands of calls a second costs more CPU than the calls.
 * Such calls read without a timeout; the watchdog interrupts a call still running past its
 * deadline, and an interrupted virtual thread's socket read closes the socket and fails
 * (java.net.Socket on virtual threads, JEP 444), so the connection is broken and dropped.
 * Platform threads cannot be unblocked so; they keep a socket timeout instead.
 */
final class CallDeadlines implements AutoCloseable {
    private final long timeoutNanos;
    private final Set<Call> running = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService watchdog;

    CallDeadlines(int timeoutMillis, String name) {
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        // checks ten times per timeout, so a call fails at most 10% late
        long tickMillis = Math.clamp(timeoutMillis / 10, 10, 100);
        this.watchdog = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name(name).factory());
        watchdog.scheduleAtFixedRate(this::expireOverdue, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
    }

    /** Starts a call on the current thread; the caller must {@link Call#finish()} it on the same thread. */
    Call start() {
        Call call = new Call(Thread.currentThread(), System.nanoTime() + timeoutNanos);
        running.add(call);
        return call;
    }

    private void expireOverdue() {
        long now = System.nanoTime();
        for (Call call : running) {
            if (now - call.deadline >= 0) {
                call.expire();
            }
        }
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }

    /** One call in flight. Its lock orders the watchdog's interrupt before the caller's clearing of it. */
    final class Call {
        private final Thread thread;
        private final long deadline;
        private boolean finished;
        private boolean expired;

        private Call(Thread thread, long deadline) {
            this.thread = thread;
            this.deadline = deadline;
        }

        private synchronized void expire() {
            if (!finished && !expired) {
                expired = true;
                thread.interrupt();
            }
        }

        /**
         * Ends the call (again: a no-op) and clears the interrupt the watchdog delivered, so it
         * reaches neither the caller nor the pool.
         *
         * @return whether the call ran past its deadline and was interrupted
         */
        synchronized boolean finish() {
            if (!finished) {
                finished = true;
                running.remove(this);
                if (expired) {
                    Thread.interrupted();
                }
            }
            return expired;
        }
    }
}
