package org.zaqar.core.log;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * Lets a warning that repeats while a store is down through once per interval per key (e.g. per
 * store), and counts the ones held back: an outage then logs a line every ten seconds, not one
 * per request or retry. Thread safe.
 * <pre>
 * THROTTLE.permit(store).ifPresent(held -&gt; LOG.warn("store {} failed{}", store, LogThrottle.held(held)));
 * </pre>
 */
public final class LogThrottle {
    /** How often a repeating outage warning is logged. */
    public static final Duration OUTAGE_INTERVAL = Duration.ofSeconds(10);

    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final ConcurrentMap<String, Window> windows = new ConcurrentHashMap<>();

    /** A key's current interval: when it began, and how many lines it held back since. */
    private record Window(long startedNanos, long held) {
    }

    /** @param nanoTime a monotonic clock, {@link System#nanoTime} outside tests */
    public LogThrottle(Duration interval, LongSupplier nanoTime) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval " + interval + " must be positive");
        }
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
    }

    /** One line per {@link #OUTAGE_INTERVAL} per key, on the system's monotonic clock. */
    public static LogThrottle forOutages() {
        return new LogThrottle(OUTAGE_INTERVAL, System::nanoTime);
    }

    /**
     * @return the number of lines held back for this key since the last one let through, when this
     *         one may be logged; empty when it is to be held back
     */
    public OptionalLong permit(String key) {
        long now = nanoTime.getAsLong();
        long[] released = {-1};
        windows.compute(key, (ignored, window) -> {
            if (window == null || now - window.startedNanos() >= intervalNanos) {
                released[0] = window == null ? 0 : window.held();
                return new Window(now, 0);
            }
            return new Window(window.startedNanos(), window.held() + 1);
        });
        return released[0] < 0 ? OptionalLong.empty() : OptionalLong.of(released[0]);
    }

    /** " (N like it held back in the last 10 s)", or nothing when none were. */
    public String held(long count) {
        return count == 0 ? "" : " (" + count + " more like it in the last " + Duration.ofNanos(intervalNanos)
                .toSeconds() + " s not logged)";
    }
}
