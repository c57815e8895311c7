package org.zaqar.core.contract;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.zaqar.core.error.ErrorCode;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.core.model.Message;
import org.zaqar.core.model.MessageListQuery;
import org.zaqar.core.model.NewMessage;
import org.zaqar.core.model.Page;
import org.zaqar.core.model.QueueInfo;
import org.zaqar.core.model.QueueListQuery;
import org.zaqar.core.model.QueueStats;
import org.zaqar.core.storage.ClaimStore;
import org.zaqar.core.storage.MessageStorage;
import org.zaqar.core.storage.MessageStore;
import org.zaqar.core.storage.QueueStore;
import org.zaqar.core.testing.ManualClock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * What every contract suite shares: a fresh storage per test on a {@link ManualClock}, and a
 * project id no other test uses, so a backend never needs wiping between tests.
 *
 * <p>A backend runs the contract by extending each suite and implementing {@link #openStorage}
 * against its real server. After every test the suite checks invariants that must hold whatever
 * the test did (stats add up, listings agree with stats).
 */
public abstract class StorageContractSupport {
    protected ManualClock clock;
    protected MessageStorage storage;
    /** A project only this test uses. */
    protected String project;
    /** A second project only this test uses, for isolation checks. */
    protected String otherProject;

    /** Opens the backend under test; it must read time only from {@code clock}. */
    protected abstract MessageStorage openStorage(InstantSource clock);

    @BeforeEach
    void openFreshStorage() {
        clock = new ManualClock();
        storage = openStorage(clock);
        String unique = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        project = "p-" + unique;
        otherProject = "q-" + unique;
    }

    @AfterEach
    void checkInvariantsAndClose() {
        if (storage == null) {
            return; // opening failed; that failure is the one to report
        }
        try {
            checkInvariants(project);
            checkInvariants(otherProject);
        } finally {
            storage.close();
        }
    }

    /**
     * After every test, whatever it did: each queue's stats add up, and a full listing (claimed and
     * delayed included) pages through exactly the messages the stats count, each once.
     */
    private void checkInvariants(String projectId) {
        Page<QueueInfo> queuesPage = queues().list(projectId, new QueueListQuery(null, 1000, false, null, Map.of()));
        assertEquals(queuesPage.items().size(), queues().count(projectId), "count agrees with the listing");
        for (QueueInfo queue : queuesPage.items()) {
            QueueStats stats = queues().stats(projectId, queue.name());
            assertEquals(stats.total(), stats.free() + stats.claimed(), "stats of " + queue.name() + " add up");
            List<String> listed = new ArrayList<>();
            String marker = null;
            while (true) {
                Page<Message> page = messages().list(projectId, queue.name(),
                        new MessageListQuery(marker, 7, true, null, true, true));
                if (page.items().isEmpty()) {
                    break;
                }
                listed.addAll(ids(page.items()));
                marker = page.nextMarker();
            }
            assertEquals(stats.total(), listed.size(), "a full listing of " + queue.name() + " matches its stats");
            assertEquals(listed.size(), Set.copyOf(listed).size(), "a full listing repeats no message");
        }
    }

    protected QueueStore queues() {
        return storage.queues();
    }

    protected MessageStore messages() {
        return storage.messages();
    }

    protected ClaimStore claims() {
        return storage.claims();
    }

    /** Creates a queue with no metadata in the test's project and returns its name. */
    protected String createQueue(String name) {
        queues().create(project, name, Map.of());
        return name;
    }

    protected static NewMessage message(String body, int ttl) {
        return new NewMessage(body, ttl, 0, null);
    }

    protected static NewMessage delayedMessage(String body, int ttl, int delay) {
        return new NewMessage(body, ttl, delay, null);
    }

    /** Posts {@code count} messages with bodies {@code {"n":0}}, {@code {"n":1}}, ... and ttl 300. */
    protected List<String> postNumbered(String queue, int count) {
        List<NewMessage> batch = IntStream.range(0, count)
                .mapToObj(n -> message("{\"n\":" + n + "}", 300))
                .toList();
        return messages().post(project, queue, batch, "client-a");
    }

    /** Lists every message of the queue, page by page, with the given page size. */
    protected List<Message> listAll(String queue, int pageSize, boolean includeClaimed) {
        List<Message> all = new ArrayList<>();
        String marker = null;
        while (true) {
            var page = messages().list(project, queue,
                    new MessageListQuery(marker, pageSize, true, "client-a", includeClaimed, false));
            if (page.items().isEmpty()) {
                return all;
            }
            all.addAll(page.items());
            marker = page.nextMarker();
        }
    }

    protected static List<String> ids(List<Message> messages) {
        return messages.stream().map(Message::id).toList();
    }

    protected static MessageListQuery defaultListing(int limit) {
        return new MessageListQuery(null, limit, true, "client-a", false, false);
    }

    protected static void assertError(ErrorCode expected, Runnable action) {
        ZaqarException error = assertThrows(ZaqarException.class, action::run);
        assertEquals(expected, error.code(), error.getMessage());
    }
}
