package org.zaqar.storage.redis;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The watchdog interrupts only calls past their deadline, and finishing clears its interrupt. */
class CallDeadlinesTest {

    @Test
    void aCallPastItsDeadlineIsInterruptedAndFinishingClearsTheInterrupt() {
        try (CallDeadlines deadlines = new CallDeadlines(20, "test-deadlines")) {
            CallDeadlines.Call call = deadlines.start();
            long giveUp = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            // busy, not blocked: the interrupt must still come, and be cleared
            while (!Thread.currentThread().isInterrupted() && System.nanoTime() < giveUp) {
                Thread.onSpinWait();
            }
            assertTrue(Thread.currentThread().isInterrupted(), "interrupted at the deadline");
            assertTrue(call.finish(), "reported as expired");
            assertFalse(Thread.currentThread().isInterrupted(), "the interrupt was cleared");
            assertTrue(call.finish(), "finishing again changes nothing");
        }
    }

    @Test
    void aCallFinishedInTimeIsNeverInterrupted() throws InterruptedException {
        try (CallDeadlines deadlines = new CallDeadlines(20, "test-deadlines")) {
            CallDeadlines.Call call = deadlines.start();
            assertFalse(call.finish());
            Thread.sleep(200); // ten ticks of the watchdog, ten deadlines: an interrupt would end it
            assertFalse(call.finish());
        }
    }
}
