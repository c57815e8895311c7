package org.zaqar.storage.mongo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.zaqar.core.model.QueueInfo;
import org.zaqar.core.model.QueueListQuery;
import org.zaqar.core.storage.MessageStorage;
import org.zaqar.core.testing.ManualClock;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Metadata keys that mean something to MongoDB are stored, replaced and filtered on as plain text. */
class MongoQueueMetadataTest {
    private final MessageStorage storage = MongoTestServer.get().openStorage(new ManualClock());

    @AfterEach
    void close() {
        storage.close();
    }

    @Test
    void keysWithDotsAndDollarsRoundTripAndFilter() {
        Map<String, Object> odd = Map.of("a.b", 1, "$where", "x", "nested", Map.of("$set", Map.of("c.d", true)));
        storage.queues().create("p", "odd", odd);
        storage.queues().create("p", "plain", Map.of("a", Map.of("b", 1)));
        assertEquals(odd, storage.queues().getMetadata("p", "odd"));
        assertEquals(List.of("odd"), names(Map.of("a.b", 1)));
        assertEquals(List.of("plain"), names(Map.of("a", Map.of("b", 1))));
        assertEquals(List.of("odd"), names(Map.of("nested", Map.of("$set", Map.of("c.d", true)))));

        Map<String, Object> replaced = Map.of("$inc", Map.of("x.y", 2));
        storage.queues().setMetadata("p", "odd", replaced);
        assertEquals(replaced, storage.queues().getMetadata("p", "odd"));
    }

    private List<String> names(Map<String, Object> filter) {
        return storage.queues().list("p", new QueueListQuery(null, 10, false, null, filter)).items().stream()
                .map(QueueInfo::name).toList();
    }
}
