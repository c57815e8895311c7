package org.zaqar.core.contract;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.zaqar.core.error.ErrorCode;
import org.zaqar.core.model.QueueInfo;
import org.zaqar.core.model.QueueListQuery;
import org.zaqar.core.storage.TopicStore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Topics: lifecycle, metadata, listing, stats, purge and messages, apart from queues. */
public abstract class TopicContractTests extends StorageContractSupport {

    private TopicStore topics() {
        return storage.topics();
    }

    @Test
    void lifecycleAndMetadata() {
        assertTrue(topics().create(project, "t", Map.of("a", 1)));
        assertFalse(topics().create(project, "t", Map.of()));
        assertTrue(topics().exists(project, "t"));
        assertEquals(Map.of("a", 1), topics().getMetadata(project, "t"));
        topics().setMetadata(project, "t", Map.of("b", "c"));
        assertEquals(Map.of("b", "c"), topics().getMetadata(project, "t"));
        topics().delete(project, "t");
        assertFalse(topics().exists(project, "t"));
        assertError(ErrorCode.QUEUE_DOES_NOT_EXIST, () -> topics().getMetadata(project, "t"));
        assertError(ErrorCode.QUEUE_DOES_NOT_EXIST, () -> topics().stats(project, "t"));
    }

    @Test
    void topicsAndQueuesAreApart() {
        topics().create(project, "same", Map.of("kind", "topic"));
        assertFalse(queues().exists(project, "same"));
        createQueue("same");
        assertEquals(Map.of("kind", "topic"), topics().getMetadata(project, "same"));
        assertEquals(1, queues().count(project));
        assertEquals(1, topics().count(project));
        topics().messages().post(project, "same", List.of(message("{}", 300)), "c");
        assertEquals(0, queues().stats(project, "same").total());
        assertFalse(topics().exists(otherProject, "same"));
    }

    @Test
    void listingPages() {
        for (String name : List.of("t3", "t1", "t2")) {
            topics().create(project, name, Map.of());
        }
        var first = topics().list(project, new QueueListQuery(null, 2, false, null, Map.of()));
        assertEquals(List.of("t1", "t2"), first.items().stream().map(QueueInfo::name).toList());
        var second = topics().list(project, new QueueListQuery(first.nextMarker(), 2, false, null, Map.of()));
        assertEquals(List.of("t3"), second.items().stream().map(QueueInfo::name).toList());
    }

    @Test
    void messagesStatsAndPurge() {
        topics().create(project, "t", Map.of());
        List<String> ids = topics().messages().post(project, "t",
                List.of(message("{\"n\":1}", 300), message("{\"n\":2}", 60)), "c");
        assertEquals(2, topics().stats(project, "t").total());
        assertEquals(ids, ids(topics().messages().list(project, "t", defaultListing(10)).items()));
        assertEquals("{\"n\":1}", topics().messages().get(project, "t", ids.getFirst()).body());
        clock.advanceSeconds(60);
        assertEquals(1, topics().stats(project, "t").total());
        topics().messages().purge(project, "t");
        assertEquals(0, topics().stats(project, "t").total());
        assertTrue(topics().exists(project, "t"));
        assertError(ErrorCode.QUEUE_DOES_NOT_EXIST,
                () -> topics().messages().post(project, "missing", List.of(message("{}", 60)), "c"));
    }
}
