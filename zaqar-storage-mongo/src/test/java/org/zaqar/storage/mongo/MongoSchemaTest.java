package org.zaqar.storage.mongo;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.zaqar.core.model.Message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MongoSchemaTest {

    /** Values computed with upstream's {@code zaqar.storage.mongodb.utils.get_partition}. */
    @Test
    void partitionsAreUpstreams() {
        assertEquals(List.of(1, 0, 0), partitions("p1", "fizbit"));
        assertEquals(List.of(0, 1, 2), partitions("480924", "orders"));
        assertEquals(List.of(0, 0, 1), partitions("proj-é", "queue-ü"));
        assertEquals(List.of(1, 2, 5), partitions("a", "b"));
        assertEquals(List.of(0, 1, 1), partitions("tenant", "dead-letters"));
    }

    private static List<Integer> partitions(String project, String queue) {
        return List.of(MongoSchema.partition(2, project, queue), MongoSchema.partition(3, project, queue),
                MongoSchema.partition(7, project, queue));
    }

    @Test
    void messageTtlCountsFromCreationToExpiry() {
        Instant created = Instant.parse("2026-01-01T00:00:00Z");
        Document document = new Document("_id", new ObjectId())
                .append("b", "{}")
                .append("cr", MongoSchema.date(created))
                .append("e", MongoSchema.date(created.plusSeconds(160)))
                .append("c", new Document("id", new ObjectId()).append("e", MongoSchema.date(created.plusSeconds(100)))
                        .append("c", 2));
        Message live = MongoSchema.toMessage(document, created.plusSeconds(50));
        assertEquals(160, live.ttl());
        assertEquals(2, live.claimCount());
        assertEquals(created, live.createdAt());
        Message afterClaim = MongoSchema.toMessage(document, created.plusSeconds(100));
        assertNull(afterClaim.claimId(), "a claim shows only while it lives");
    }

    @Test
    void metadataKeysMongoDbWouldReadAsOperatorsOrPathsAreEscaped() {
        Map<String, Object> metadata = Map.of("a.b", 1, "$x", Map.of("$y", 2, "c.d", List.of(Map.of("e.$", 3))),
                "100%", "%2E", "", "empty");
        Document stored = MongoSchema.toDocument(metadata);
        assertTrue(stored.keySet().stream().noneMatch(key -> key.contains(".") || key.contains("$")), stored.toJson());
        assertTrue(stored.get("%24x", Document.class).keySet().stream()
                .noneMatch(key -> key.contains(".") || key.contains("$")), stored.toJson());
        assertEquals(metadata, MongoSchema.toPlainMap(stored));
        assertEquals("a%2Eb", MongoSchema.escapeKey("a.b"));
        assertEquals("%24x", MongoSchema.escapeKey("$x"));
        assertEquals("100%25", MongoSchema.escapeKey("100%"));
    }

    @Test
    void metadataRoundTripsThroughBson() {
        Map<String, Object> metadata = Map.of("a", 1, "b", List.of(Map.of("c", true), 2.5, "x"),
                "big", new BigDecimal("12345678901234567890.5"), "long", 1L << 40);
        assertEquals(metadata, MongoSchema.toPlainMap(MongoSchema.toDocument(metadata)));
    }
}
