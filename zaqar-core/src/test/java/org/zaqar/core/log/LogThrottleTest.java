package org.zaqar.core.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** An outage warning is let through once per interval per key, with the count of those held back. */
class LogThrottleTest {
    private final AtomicLong now = new AtomicLong();
    private final LogThrottle throttle = new LogThrottle(Duration.ofSeconds(10), now::get);

    private void advanceSeconds(long seconds) {
        now.addAndGet(Duration.ofSeconds(seconds).toNanos());
    }

    @Test
    void oneLinePerIntervalPerKeyWithTheCountHeldBack() {
        assertEquals(OptionalLong.of(0), throttle.permit("sql"));
        for (int second = 0; second < 9; second++) {
            advanceSeconds(1);
            assertEquals(OptionalLong.empty(), throttle.permit("sql"));
            assertEquals(OptionalLong.empty(), throttle.permit("sql"));
        }
        assertEquals(OptionalLong.of(0), throttle.permit("redis"), "each key has its own interval");
        advanceSeconds(1);
        OptionalLong next = throttle.permit("sql");
        assertEquals(OptionalLong.of(18), next);
        assertEquals(" (18 more like it in the last 10 s not logged)", throttle.held(next.getAsLong()));
        assertEquals("", throttle.held(0));
    }
}
