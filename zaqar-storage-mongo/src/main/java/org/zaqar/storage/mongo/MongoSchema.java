package org.zaqar.storage.mongo;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.zaqar.core.model.Message;

/**
 * Field names and document conversions. Names are short, as upstream's ({@code p_q}, {@code k},
 * {@code c.e}, ...), but the documents are this driver's own: bodies are stored as the JSON text
 * that was posted, and every time comes from the store's clock.
 *
 * <pre>
 * queues:   p_q  "project/queue" (unique)    messages: p_q  "project/queue"
 *           p    project                               k    marker, unique per queue
 *           n    queue name                            tx   id of an unfinished post, else null
 *           m    metadata                              b    body (JSON text)       cs  checksum
 *           c.v  next marker; messages below it        u    client id              cr  created at
 *                are committed and visible             e    expires at (TTL index) d   delayed until
 *           c.t  when c.v last moved                   c.id claim id or null      c.e claim expires at
 *                                                      c.t  claim ttl (s)         c.c claim count
 * </pre>
 */
final class MongoSchema {
    static final String ID = "_id";
    static final String SCOPE = "p_q";
    static final String PROJECT = "p";
    static final String NAME = "n";
    static final String METADATA = "m";
    static final String COUNTER = "c";
    static final String COUNTER_VALUE = "c.v";
    static final String COUNTER_TIME = "c.t";

    static final String MARKER = "k";
    static final String TRANSACTION = "tx";
    static final String BODY = "b";
    static final String CHECKSUM = "cs";
    static final String CLIENT = "u";
    static final String CREATED = "cr";
    static final String EXPIRES = "e";
    static final String DELAYED_UNTIL = "d";
    static final String CLAIM = "c";
    static final String CLAIM_ID = "c.id";
    static final String CLAIM_EXPIRES = "c.e";
    static final String CLAIM_TTL = "c.t";
    static final String CLAIM_COUNT = "c.c";

    private MongoSchema() {
    }

    static String scope(String project, String queue) {
        return project + "/" + queue;
    }

    /** Upstream's {@code get_partition}: CRC-32 of project + queue, modulo the number of partitions. */
    static int partition(int partitions, String project, String queue) {
        CRC32 crc = new CRC32();
        crc.update((project + queue).getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % partitions);
    }

    static Date date(Instant instant) {
        return new Date(instant.toEpochMilli());
    }

    static ObjectId objectIdOrNull(String id) {
        return id != null && ObjectId.isValid(id) ? new ObjectId(id) : null;
    }

    /** The message as the SPI returns it; the claim shows only while it lives. */
    static Message toMessage(Document doc, Instant now) {
        Document claim = doc.get(CLAIM, Document.class);
        ObjectId claimId = claim == null ? null : claim.getObjectId("id");
        Date claimExpires = claim == null ? null : claim.getDate("e");
        boolean claimed = claimId != null && claimExpires != null && claimExpires.toInstant().isAfter(now);
        Number claimCount = claim == null ? null : claim.get("c", Number.class);
        Instant created = doc.getDate(CREATED).toInstant();
        Instant expires = doc.getDate(EXPIRES).toInstant();
        int ttl = (int) Math.max(0, (expires.toEpochMilli() - created.toEpochMilli() + 999) / 1000);
        return new Message(doc.getObjectId(ID).toHexString(), doc.getString(BODY), ttl, created,
                doc.getString(CHECKSUM), claimed ? claimId.toHexString() : null,
                claimCount == null ? 0 : claimCount.intValue());
    }

    /**
     * Queue metadata as a BSON document (nested maps become documents). Keys are escaped: MongoDB
     * gives {@code .} and a leading {@code $} meanings in queries and updates, and metadata keys are
     * whatever a client sent.
     */
    static Document toDocument(Map<String, Object> map) {
        Document document = new Document();
        map.forEach((key, value) -> document.put(escapeKey(key), toBson(value)));
        return document;
    }

    /** Percent-escapes {@code %}, {@code .} and {@code $}, reversibly. */
    static String escapeKey(String key) {
        if (key.indexOf('%') < 0 && key.indexOf('.') < 0 && key.indexOf('$') < 0) {
            return key;
        }
        return key.replace("%", "%25").replace(".", "%2E").replace("$", "%24");
    }

    static String unescapeKey(String key) {
        if (key.indexOf('%') < 0) {
            return key;
        }
        return key.replace("%24", "$").replace("%2E", ".").replace("%25", "%");
    }

    /** A metadata value as stored, for comparing in a query. */
    static Object toBsonValue(Object value) {
        return toBson(value);
    }

    @SuppressWarnings("unchecked")
    private static Object toBson(Object value) {
        if (value instanceof Map<?, ?> map) {
            return toDocument((Map<String, Object>) map);
        }
        if (value instanceof List<?> list) {
            List<Object> converted = new ArrayList<>(list.size());
            list.forEach(item -> converted.add(toBson(item)));
            return converted;
        }
        if (value instanceof BigDecimal decimal) {
            return new Decimal128(decimal);
        }
        return value;
    }

    /** Stored metadata back as plain maps and lists. */
    static Map<String, Object> toPlainMap(Document document) {
        Map<String, Object> map = new LinkedHashMap<>();
        if (document != null) {
            document.forEach((key, value) -> map.put(unescapeKey(key), toPlain(value)));
        }
        return map;
    }

    private static Object toPlain(Object value) {
        if (value instanceof Document document) {
            return toPlainMap(document);
        }
        if (value instanceof List<?> list) {
            List<Object> converted = new ArrayList<>(list.size());
            list.forEach(item -> converted.add(toPlain(item)));
            return converted;
        }
        if (value instanceof Decimal128 decimal) {
            return decimal.bigDecimalValue();
        }
        return value;
    }
}
