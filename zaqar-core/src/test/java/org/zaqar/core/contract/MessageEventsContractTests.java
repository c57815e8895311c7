package org.zaqar.core.contract;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zaqar.core.model.Claim;
import org.zaqar.core.model.ClaimRequest;
import org.zaqar.core.model.ReservedMetadata;
import org.zaqar.core.storage.MessageEvents;
import org.zaqar.core.storage.MessageStorage;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What a store reports through {@link MessageEvents}: every expired message once, by the next
 * garbage collection at the latest, and every message a claim moves to a dead-letter queue.
 */
public abstract class MessageEventsContractTests extends StorageContractSupport {
    private final Recorder events = new Recorder();

    /** Opens the backend under test, reporting to {@code events}. */
    protected abstract MessageStorage openStorage(InstantSource clock, MessageEvents events);

    @Override
    protected final MessageStorage openStorage(InstantSource clock) {
        return openStorage(clock, events);
    }

    /**
     * A shared server may hold what earlier tests left, on the same starting clock: far in the
     * future all of it has expired, and one pass removes it before this test counts anything.
     */
    @BeforeEach
    void startAfterEveryLeftoverExpired() {
        clock.advance(Duration.ofDays(36_500));
        storage.collectGarbage();
        events.expired.set(0);
    }

    @Test
    void expiredMessagesAreReportedOnceByGarbageCollection() {
        createQueue("q");
        messages().post(project, "q", List.of(message("{}", 60), message("{}", 60), message("{}", 300)), "c");
        clock.advanceSeconds(61);
        storage.collectGarbage();
        assertEquals(2, events.expired.get());
        storage.collectGarbage();
        assertEquals(2, events.expired.get(), "a message is reported once");
        clock.advanceSeconds(300);
        storage.collectGarbage();
        assertEquals(3, events.expired.get());
    }

    @Test
    void messagesRemovedOnTheWayAreReportedByTheNextGarbageCollection() {
        createQueue("q");
        messages().post(project, "q", List.of(message("{}", 60), message("{}", 60)), "c");
        clock.advanceSeconds(61);
        // Stores may drop expired messages while serving other calls.
        messages().post(project, "q", List.of(message("{}", 300)), "c");
        queues().stats(project, "q");
        claims().create(project, "q", new ClaimRequest(60, 0, 10));
        storage.collectGarbage();
        assertEquals(2, events.expired.get());
    }

    @Test
    void claimsReportTheMessagesTheyDeadLetter() {
        queues().create(project, "q", Map.of(ReservedMetadata.MAX_CLAIM_COUNT, 1,
                ReservedMetadata.DEAD_LETTER_QUEUE, "dlq"));
        messages().post(project, "q", List.of(message("{}", 3600), message("{}", 3600)), "c");
        Claim first = claims().create(project, "q", new ClaimRequest(60, 0, 10));
        assertEquals(2, first.messages().size());
        assertEquals(0, events.deadLettered.get(), "claiming is not dead-lettering");
        claims().delete(project, "q", first.id());

        claims().create(project, "q", new ClaimRequest(60, 0, 10));
        assertEquals(2, events.deadLettered.get());
        assertEquals(2, queues().stats(project, "dlq").total());
        claims().create(project, "q", new ClaimRequest(60, 0, 10));
        assertEquals(2, events.deadLettered.get(), "nothing left to move");
    }

    private static final class Recorder implements MessageEvents {
        final AtomicLong expired = new AtomicLong();
        final AtomicLong deadLettered = new AtomicLong();

        @Override
        public void expired(long count) {
            expired.addAndGet(count);
        }

        @Override
        public void deadLettered(long count) {
            deadLettered.addAndGet(count);
        }
    }
}
