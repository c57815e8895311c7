package org.zaqar.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.zaqar.core.config.ZaqarConfig;

/**
 * Which option files notify subscribers. The real deliveries are in {@link NotificationWiringTest};
 * a server with no option at all cannot be started on a free port, so that rule is checked here.
 */
class StoragePipelinesTest {

    @Test
    void noOptionAtAllNotifiesAsTheReadmeWalkThroughExpects() {
        assertTrue(StoragePipelines.from(ZaqarConfig.empty()).notifies());
        assertTrue(StoragePipelines.from(ZaqarConfig.parse("[DEFAULT]\n# debug = true\n[storage]\n")).notifies());
    }

    @Test
    void anyOptionSetFollowsUpstreamsEmptyDefault() {
        assertFalse(StoragePipelines.from(ZaqarConfig.parse("[DEFAULT]\ndebug = true\n")).notifies());
        assertTrue(StoragePipelines.from(ZaqarConfig.parse(
                "[storage]\nmessage_pipeline = zaqar.notification.notifier\n")).notifies());
    }

    @Test
    void unknownOrMisplacedStagesAreSkippedWithAWarning() {
        StoragePipelines pipelines = StoragePipelines.from(ZaqarConfig.parse(
                "[storage]\nmessage_pipeline = my.stage, zaqar.notification.notifier\n"
                + "claim_pipeline = zaqar.notification.notifier\n"));
        assertTrue(pipelines.notifies());
        assertEquals(List.of("[storage] message_pipeline: stage 'my.stage' could not be imported (the only stage is "
                + "zaqar.notification.notifier); skipped", "[storage] claim_pipeline: stage "
                + "zaqar.notification.notifier hooks message posts only; it does nothing here (put it in "
                + "message_pipeline)"), pipelines.warnings());
    }
}
