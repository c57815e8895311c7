package org.zaqar.storage.mongo;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.mongodb.MongoException;
import com.mongodb.MongoSocketReadException;
import com.mongodb.ServerAddress;
import org.junit.jupiter.api.Test;
import org.zaqar.core.error.ErrorCode;
import org.zaqar.core.error.ZaqarException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MongoRetryTest {
    private final MongoRetry retry = new MongoRetry(3, Duration.ofMillis(1));

    private static MongoSocketReadException socketFailure() {
        return new MongoSocketReadException("connection reset", new ServerAddress("db1", 27017));
    }

    @Test
    void reconnectableFailuresAreRetriedUntilSuccess() {
        AtomicInteger calls = new AtomicInteger();
        String result = retry.call("read", () -> {
            if (calls.incrementAndGet() < 3) {
                throw socketFailure();
            }
            return "ok";
        });
        assertEquals("ok", result);
        assertEquals(3, calls.get());
    }

    @Test
    void afterTheLastAttemptTheStoreIsUnavailable() {
        AtomicInteger calls = new AtomicInteger();
        ZaqarException error = assertThrows(ZaqarException.class, () -> retry.call("read the queue", () -> {
            calls.incrementAndGet();
            throw socketFailure();
        }));
        assertEquals(3, calls.get());
        assertEquals(ErrorCode.STORAGE_UNAVAILABLE, error.code());
        assertTrue(error.getMessage().startsWith("MongoDB unreachable after 3 attempts"), error.getMessage());
        assertTrue(error.getMessage().contains("read the queue"), error.getMessage());
    }

    @Test
    void otherDriverFailuresAreNotRetried() {
        AtomicInteger calls = new AtomicInteger();
        ZaqarException error = assertThrows(ZaqarException.class, () -> retry.call("write", () -> {
            calls.incrementAndGet();
            throw new MongoException(2, "BadValue");
        }));
        assertEquals(1, calls.get());
        assertEquals(ErrorCode.STORAGE_UNAVAILABLE, error.code());
    }

    @Test
    void zaqarErrorsPassThrough() {
        ZaqarException thrown = ZaqarException.queueDoesNotExist("p", "q");
        assertSame(thrown, assertThrows(ZaqarException.class, () -> retry.call("read", () -> {
            throw thrown;
        })));
    }
}
