package org.zaqar.core.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.zaqar.core.error.ErrorCode;
import org.zaqar.core.model.Page;
import org.zaqar.core.model.Subscription;
import org.zaqar.core.storage.SubscriptionStore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Subscription CRUD, paging, duplicates, expiry, confirmation and project isolation. */
public abstract class SubscriptionContractTests extends StorageContractSupport {

    private SubscriptionStore subscriptions() {
        return storage.subscriptions();
    }

    @Test
    void createGetAndDelete() {
        Map<String, Object> options = Map.of("post_data", "{\"m\": \"$zaqar_message$\"}", "n", 3);
        String id = subscriptions().create(project, "q", "http://example.com/hook", 600, options);
        clock.advanceSeconds(5);
        Subscription got = subscriptions().get(project, "q", id);
        assertEquals(id, got.id());
        assertEquals("q", got.source());
        assertEquals("http://example.com/hook", got.subscriber());
        assertEquals(600, got.ttl());
        assertEquals(5, got.ageSeconds(clock.instant()));
        assertEquals(options, got.options());
        assertFalse(got.confirmed());
        assertEquals(id, subscriptions().getBySubscriber(project, "q", "http://example.com/hook").id());
        subscriptions().delete(project, "q", id);
        assertError(ErrorCode.NOT_FOUND, () -> subscriptions().get(project, "q", id));
        subscriptions().delete(project, "q", id);
        assertNull(subscriptions().getBySubscriber(project, "q", "http://example.com/hook"));
    }

    @Test
    void subscriptionsDoNotNeedTheirQueue() {
        createQueue("q");
        String id = subscriptions().create(project, "q", "mailto:a@example.com", 600, Map.of());
        queues().delete(project, "q");
        assertEquals(id, subscriptions().get(project, "q", id).id());
    }

    @Test
    void aDuplicateSubscriberConflicts() {
        subscriptions().create(project, "q", "http://a", 600, Map.of());
        assertError(ErrorCode.CONFLICT, () -> subscriptions().create(project, "q", "http://a", 600, Map.of()));
        subscriptions().create(project, "other", "http://a", 600, Map.of());
        String second = subscriptions().create(project, "q", "http://b", 600, Map.of());
        assertError(ErrorCode.CONFLICT, () -> subscriptions().update(project, "q", second, "http://a", null, null));
    }

    @Test
    void anExpiredSubscriptionIsGoneAndItsSubscriberFree() {
        String id = subscriptions().create(project, "q", "http://a", 60, Map.of());
        clock.advanceSeconds(59);
        assertEquals(id, subscriptions().get(project, "q", id).id());
        clock.advanceSeconds(1);
        assertError(ErrorCode.NOT_FOUND, () -> subscriptions().get(project, "q", id));
        assertTrue(subscriptions().list(project, "q", null, 10).items().isEmpty());
        assertNotEquals(id, subscriptions().create(project, "q", "http://a", 60, Map.of()));
    }

    @Test
    void updateChangesOnlyWhatIsGiven() {
        String id = subscriptions().create(project, "q", "http://a", 60, Map.of("x", 1));
        clock.advanceSeconds(50);
        subscriptions().update(project, "q", id, null, 120, null);
        clock.advanceSeconds(100);
        Subscription got = subscriptions().get(project, "q", id);
        assertEquals("http://a", got.subscriber());
        assertEquals(120, got.ttl());
        assertEquals(Map.of("x", 1), got.options());
        subscriptions().update(project, "q", id, "http://b", null, Map.of("y", "z"));
        got = subscriptions().get(project, "q", id);
        assertEquals("http://b", got.subscriber());
        assertEquals(Map.of("y", "z"), got.options());
        assertError(ErrorCode.NOT_FOUND, () -> subscriptions().update(project, "q", "nope", null, 100, null));
    }

    @Test
    void confirmAndUnconfirm() {
        String id = subscriptions().create(project, "q", "http://a", 600, Map.of());
        subscriptions().confirm(project, "q", id, true);
        assertTrue(subscriptions().get(project, "q", id).confirmed());
        subscriptions().confirm(project, "q", id, false);
        assertFalse(subscriptions().get(project, "q", id).confirmed());
        assertError(ErrorCode.NOT_FOUND, () -> subscriptions().confirm(project, "q", "nope", true));
    }

    @Test
    void listingPagesThroughEverySubscriptionOnce() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            created.add(subscriptions().create(project, "q", "http://s" + i, 600, Map.of()));
        }
        subscriptions().create(project, "elsewhere", "http://s0", 600, Map.of());
        List<String> listed = new ArrayList<>();
        String marker = null;
        int pages = 0;
        while (true) {
            Page<Subscription> page = subscriptions().list(project, "q", marker, 3);
            if (page.items().isEmpty()) {
                break;
            }
            pages++;
            page.items().forEach(s -> listed.add(s.id()));
            marker = page.nextMarker();
        }
        assertEquals(3, pages);
        assertEquals(created.stream().sorted().toList(), listed);
    }

    @Test
    void deleteAllEmptiesOneSource() {
        subscriptions().create(project, "q", "http://a", 600, Map.of());
        subscriptions().create(project, "q", "http://b", 600, Map.of());
        String kept = subscriptions().create(project, "other", "http://a", 600, Map.of());
        subscriptions().deleteAll(project, "q");
        assertTrue(subscriptions().list(project, "q", null, 10).items().isEmpty());
        assertEquals(kept, subscriptions().get(project, "other", kept).id());
    }

    @Test
    void projectsAreIsolated() {
        String id = subscriptions().create(project, "q", "http://a", 600, Map.of());
        assertError(ErrorCode.NOT_FOUND, () -> subscriptions().get(otherProject, "q", id));
        assertTrue(subscriptions().list(otherProject, "q", null, 10).items().isEmpty());
        assertNull(subscriptions().getBySubscriber(otherProject, "q", "http://a"));
        String theirs = subscriptions().create(otherProject, "q", "http://a", 600, Map.of());
        subscriptions().delete(otherProject, "q", id);
        subscriptions().deleteAll(otherProject, "q");
        assertError(ErrorCode.NOT_FOUND, () -> subscriptions().confirm(otherProject, "q", id, true));
        assertEquals(id, subscriptions().get(project, "q", id).id());
        assertError(ErrorCode.NOT_FOUND, () -> subscriptions().get(otherProject, "q", theirs));
    }
}
