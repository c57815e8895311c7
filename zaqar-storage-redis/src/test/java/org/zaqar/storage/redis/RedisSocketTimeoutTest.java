package org.zaqar.storage.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.zaqar.core.error.ErrorCode;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.core.model.NewMessage;
import org.zaqar.core.storage.MessageStorage;
import org.zaqar.core.testing.ManualClock;

/**
 * The socket timeout bounds every call to a Redis that accepts connections but answers nothing
 * (a real redis-server frozen with SIGSTOP), on virtual threads (the watchdog's interrupt) as on
 * platform threads (the socket's timeout), and leaves no interrupt behind.
 */
class RedisSocketTimeoutTest {
    /** Long enough that timeout + 2 s (a busy machine's slack) is still less than two timeouts. */
    private static final long FROZEN_TIMEOUT_MILLIS = 2100;
    /** Far longer than a call, short enough that the watchdog looks every 50 ms. */
    private static final long FAST_TIMEOUT_MILLIS = 500;

    /** What a caller observed: the failure, how long it took, and whether it was left interrupted. */
    private record Outcome(ZaqarException failure, long millis, boolean interrupted) {
    }

    @Test
    void frozenRedisIsUnavailableWithinTheTimeoutOverTcpAndUnixSockets() throws Exception {
        String socket = Files.createTempDirectory("redis-unix").resolve("redis.sock").toString();
        RedisTestServer server = RedisTestServer.startNew("--unixsocket", socket, "--unixsocketperm", "700");
        String options = "?socket_timeout=" + FROZEN_TIMEOUT_MILLIS / 1000.0;
        try (MessageStorage tcp = RedisTestServer.open(new ManualClock(), Map.of("uri", server.uri() + options));
             MessageStorage unix = RedisTestServer.open(new ManualClock(), Map.of("uri", "redis:" + socket + options))) {
            tcp.queues().create("p", "q", Map.of());
            for (MessageStorage storage : List.of(tcp, unix)) {
                for (boolean virtual : List.of(true, false)) {
                    String thread = virtual ? "virtual thread: " : "platform thread: ";
                    post(storage); // leaves a pooled connection, idle when Redis freezes
                    server.freeze();
                    Outcome outcome = run(virtual, () -> post(storage));
                    server.thaw();
                    assertNotNull(outcome.failure(), thread + "the call failed");
                    assertEquals(ErrorCode.STORAGE_UNAVAILABLE, outcome.failure().code(), thread + outcome.failure());
                    assertTrue(outcome.failure().getMessage().contains(
                            "no reply within the socket timeout of " + FROZEN_TIMEOUT_MILLIS + " ms"),
                            thread + outcome.failure().getMessage());
                    // a timed-out call is not retried: that would take another timeout
                    assertTrue(outcome.millis() >= FROZEN_TIMEOUT_MILLIS - 50
                                    && outcome.millis() < FROZEN_TIMEOUT_MILLIS + 2000,
                            thread + "failed after " + outcome.millis() + " ms");
                    assertFalse(outcome.interrupted(), thread + "left interrupted");

                    Outcome recovered = run(virtual, () -> post(storage));
                    assertNull(recovered.failure(), thread + "after the thaw");
                    assertFalse(recovered.interrupted(), thread + "left interrupted after the thaw");
                }
            }
        } finally {
            server.stop();
        }
    }

    @Test
    void manyVirtualThreadCallsWithinTheTimeoutAreNeverInterrupted() throws Exception {
        RedisTestServer server = RedisTestServer.startNew();
        try (MessageStorage storage = RedisTestServer.open(new ManualClock(),
                Map.of("uri", server.uri() + "?socket_timeout=" + FAST_TIMEOUT_MILLIS / 1000.0))) {
            storage.queues().create("p", "q", Map.of());
            int calls = 10_000;
            AtomicInteger interrupted = new AtomicInteger();
            ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                threads.add(Thread.ofVirtual().start(() -> {
                    try {
                        storage.queues().exists("p", "q");
                        // a late interrupt from the watchdog would end this sleep
                        Thread.sleep(2 * FAST_TIMEOUT_MILLIS / 10);
                    } catch (InterruptedException e) {
                        interrupted.incrementAndGet();
                    } catch (RuntimeException e) {
                        failures.add(e);
                    }
                    if (Thread.currentThread().isInterrupted()) {
                        interrupted.incrementAndGet();
                    }
                }));
            }
            for (Thread thread : threads) {
                thread.join(Duration.ofSeconds(60));
                assertFalse(thread.isAlive(), "a call hung");
            }
            assertEquals(List.of(), List.copyOf(failures));
            assertEquals(0, interrupted.get(), "threads interrupted");
        } finally {
            server.stop();
        }
    }

    private static void post(MessageStorage storage) {
        storage.messages().post("p", "q", List.of(new NewMessage("{}", 600, 0, null)), "c");
    }

    private static Outcome run(boolean virtual, Runnable call) throws InterruptedException {
        AtomicReference<Outcome> outcome = new AtomicReference<>();
        Runnable measured = () -> {
            long start = System.nanoTime();
            ZaqarException failure = null;
            try {
                call.run();
            } catch (ZaqarException e) {
                failure = e;
            }
            long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
            outcome.set(new Outcome(failure, millis, Thread.interrupted()));
        };
        Thread thread = virtual ? Thread.ofVirtual().start(measured) : Thread.ofPlatform().start(measured);
        thread.join(Duration.ofSeconds(30));
        if (thread.isAlive()) {
            fail((virtual ? "virtual" : "platform") + " thread still blocked after 30 s");
        }
        return outcome.get();
    }
}
