package org.zaqar.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.zaqar.core.config.ZaqarConfig;
import org.zaqar.core.model.NewMessage;

/** Every delivery attempt, retry and drop reaches the {@link DeliveryObserver}, by subscriber type. */
class DeliveryObserverTest extends NotifierTestSupport {
    private final List<String> seen = new CopyOnWriteArrayList<>();

    @Override
    protected DeliveryObserver observer() {
        return new DeliveryObserver() {
            @Override
            public void attempted(String subscriberType, boolean retry, boolean delivered) {
                seen.add(subscriberType + (retry ? " retry " : " first ") + (delivered ? "delivered" : "failed"));
            }

            @Override
            public void dropped(String subscriberType) {
                seen.add(subscriberType + " dropped");
            }
        };
    }

    /** Mail goes to a command that always fails. */
    @Override
    protected NotificationOptions options() {
        return NotificationOptions.from(ZaqarConfig.parse("[notification]\nsmtp_command = /bin/false\n"));
    }

    private void post(String queue) {
        storage.queues().create("p", queue, Map.of());
        storage.messages().post("p", queue, List.of(new NewMessage("{}", 300, 0, null)), "client");
    }

    private void await(int count) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (seen.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    @Test
    void attemptsRetriesAndDropsAreObserved() throws Exception {
        hooks.failFirst(2);
        // One immediate retry, then nothing.
        storage.subscriptions().create("p", "q", hooks.url("/hook"), 600, Map.of("_retry_policy", Map.of(
                "retries_with_no_delay", 1, "minimum_delay_retries", 0, "minimum_delay", 10, "maximum_delay", 10,
                "maximum_delay_retries", 0)));
        post("q");
        await(3);
        assertEquals(List.of("http first failed", "http retry failed", "http dropped"), seen);
        post("q");
        await(4);
        assertEquals("http first delivered", seen.get(3));

        storage.subscriptions().create("p", "mails", "mailto:ops@example.com", 600, Map.of());
        post("mails");
        await(6);
        assertEquals(List.of("mailto first failed", "mailto dropped"), seen.subList(4, 6));
    }
}
