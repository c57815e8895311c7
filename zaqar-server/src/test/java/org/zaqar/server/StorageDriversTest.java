package org.zaqar.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.zaqar.core.error.ZaqarException;

/** The driver names of upstream's setup.cfg entry points that this server serves. */
class StorageDriversTest {
    private final StorageDrivers drivers = new StorageDrivers(StorageDriversTest.class.getClassLoader());

    @Test
    void upstreamsNamesPickTheirDrivers() {
        assertEquals("sqlalchemy", drivers.named("sqlalchemy", "management_store").name());
        assertEquals("redis", drivers.named("redis", "message_store").name());
        assertEquals("mongodb", drivers.named("mongodb", "message_store").name());
    }

    /** Upstream registers mongodb.fifo as a data driver only; ours is first-in first-out already. */
    @Test
    void mongodbFifoIsTheMongodbMessageStore() {
        assertEquals("mongodb", drivers.named("mongodb.fifo", "message_store").name());
        ZaqarException refused = assertThrows(ZaqarException.class,
                () -> drivers.named("mongodb.fifo", "management_store"));
        assertTrue(refused.getMessage().contains("no such storage driver"), refused.getMessage());
    }
}
