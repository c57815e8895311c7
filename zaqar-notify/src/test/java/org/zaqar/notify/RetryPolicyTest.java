package org.zaqar.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The schedules below were computed with upstream's own functions (zaqar/notification/tasks/webhook.py). */
class RetryPolicyTest {

    @Test
    void backoffFunctionsMatchUpstream() {
        assertEquals(List.of(5, 10, 15, 20, 25), RetryPolicy.backoff("linear", 5, 30));
        assertEquals(List.of(5, 7, 12, 19, 30), RetryPolicy.backoff("geometric", 5, 30));
        assertEquals(List.of(5, 7, 12, 19, 30), RetryPolicy.backoff("exponential", 5, 30));
        assertEquals(List.of(5, 7, 12, 20, 30), RetryPolicy.backoff("arithmetic", 5, 30));
        assertEquals(List.of(2, 3, 5, 8, 12, 17, 24, 31, 39, 49, 59), RetryPolicy.backoff("arithmetic", 2, 60));
        assertEquals(List.of(2, 2, 3, 5, 7, 10, 15, 21, 30, 42, 59), RetryPolicy.backoff("geometric", 2, 60));
    }

    @Test
    void defaultsGiveUpstreamsSchedule() {
        assertEquals(List.of(0, 0, 0, 5, 5, 5, 5, 10, 15, 20, 25, 30, 30, 30),
                RetryPolicy.choose(null, null).delays());
    }

    @Test
    void theSubscriptionsPolicyOverridesTheQueuesUnlessIgnored() {
        Map<String, Object> queue = Map.of("retries_with_no_delay", 1, "minimum_delay_retries", 0,
                "maximum_delay_retries", 0);
        Map<String, Object> subscription = Map.of("retries_with_no_delay", 2, "minimum_delay_retries", 0,
                "maximum_delay_retries", 0, "retry_backoff_function", "geometric");
        assertEquals(List.of(0, 0, 5, 7, 12, 19, 30), RetryPolicy.choose(subscription, queue).delays());
        assertEquals(List.of(0, 5, 10, 15, 20, 25), RetryPolicy.choose(null, queue).delays());
        Map<String, Object> ignoring = Map.of("retries_with_no_delay", 1, "minimum_delay_retries", 0,
                "maximum_delay_retries", 0, "ignore_subscription_override", true);
        assertEquals(List.of(0, 5, 10, 15, 20, 25), RetryPolicy.choose(subscription, ignoring).delays());
    }
}
