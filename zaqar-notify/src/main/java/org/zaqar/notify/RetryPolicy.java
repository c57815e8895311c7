package org.zaqar.notify;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Upstream's webhook retry policy: after a failed delivery, {@code retries_with_no_delay}
 * immediate retries, then {@code minimum_delay_retries} after {@code minimum_delay} seconds each,
 * then the delays of {@code retry_backoff_function} between the minimum and maximum delay, then
 * {@code maximum_delay_retries} after {@code maximum_delay} seconds each.
 */
final class RetryPolicy {
    static final int RETRIES_WITH_NO_DELAY = 3;
    static final int MINIMUM_DELAY_RETRIES = 3;
    static final int MINIMUM_DELAY = 5;
    static final int MAXIMUM_DELAY = 30;
    static final int MAXIMUM_DELAY_RETRIES = 3;
    static final int LINEAR_INTERVAL = 5;

    private final Map<?, ?> rules;

    private RetryPolicy(Map<?, ?> rules) {
        this.rules = rules;
    }

    /**
     * The policy that applies: the subscription's own, unless it has none or either policy sets
     * {@code ignore_subscription_override}, in which case the queue's.
     */
    static RetryPolicy choose(Object subscriptionPolicy, Object queuePolicy) {
        Map<?, ?> subscription = subscriptionPolicy instanceof Map<?, ?> map ? map : Map.of();
        Map<?, ?> queue = queuePolicy instanceof Map<?, ?> map ? map : Map.of();
        boolean ignoreOverride = Boolean.TRUE.equals(subscription.get("ignore_subscription_override"))
                || Boolean.TRUE.equals(queue.get("ignore_subscription_override"));
        if (ignoreOverride) {
            return new RetryPolicy(queue);
        }
        return new RetryPolicy(subscription.isEmpty() ? queue : subscription);
    }

    /** Seconds to wait before each retry, in order; 0 for an immediate retry. */
    List<Integer> delays() {
        int minimum = integer("minimum_delay", MINIMUM_DELAY);
        int maximum = integer("maximum_delay", MAXIMUM_DELAY);
        List<Integer> delays = new ArrayList<>();
        delays.addAll(Collections.nCopies(Math.max(0, integer("retries_with_no_delay", RETRIES_WITH_NO_DELAY)), 0));
        delays.addAll(Collections.nCopies(Math.max(0, integer("minimum_delay_retries", MINIMUM_DELAY_RETRIES)),
                minimum));
        Object function = rules.get("retry_backoff_function");
        delays.addAll(backoff(function instanceof String name ? name : "linear", minimum, maximum));
        delays.addAll(Collections.nCopies(Math.max(0, integer("maximum_delay_retries", MAXIMUM_DELAY_RETRIES)),
                maximum));
        return delays;
    }

    private int integer(String key, int defaultValue) {
        return rules.get(key) instanceof Number number ? number.intValue() : defaultValue;
    }

    /** The backoff delays exactly as upstream computes them (truncated to whole seconds). */
    static List<Integer> backoff(String function, int minimum, int maximum) {
        List<Integer> delays = new ArrayList<>();
        if (function.equals("linear")) {
            for (int delay = minimum; delay < maximum; delay += LINEAR_INTERVAL) {
                delays.add(delay);
            }
            return delays;
        }
        int count = (maximum - minimum) / LINEAR_INTERVAL;
        if (count < 2 || minimum <= 0) {
            return List.of(minimum);
        }
        double k = Math.pow(10, Math.log10((double) maximum / minimum) / (count - 1));
        double step = 2.0 * (maximum - minimum) / (count * (count - 1));
        for (int a = 1; a <= count; a++) {
            double delay = switch (function) {
                case "geometric" -> minimum * Math.pow(k, a - 1);
                case "exponential" -> minimum / k * Math.pow(k, a);
                case "arithmetic" -> minimum + (a - 1) * a * step / 2;
                default -> throw new IllegalArgumentException("unknown retry_backoff_function " + function);
            };
            delays.add((int) delay);
        }
        return delays;
    }
}
