package org.zaqar.core.validation;

import static org.zaqar.core.validation.PythonValues.intValue;
import static org.zaqar.core.validation.PythonValues.isInt;
import static org.zaqar.core.validation.PythonValues.truthy;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Upstream's checks of a {@code _retry_policy} (queue metadata, subscription options). */
final class RetryPolicyRules {
    private static final int MINIMUM_DELAY = 5;
    private static final int MAXIMUM_DELAY = 30;
    private static final int LINEAR_INTERVAL = 5;
    private static final List<String> INTEGER_KEYS = List.of("retries_with_no_delay", "minimum_delay_retries",
            "minimum_delay", "maximum_delay", "maximum_delay_retries");
    private static final Set<String> BACKOFF_FUNCTIONS = Set.of("linear", "arithmetic", "exponential", "geometric");

    private RetryPolicyRules() {
    }

    static void check(Object policy) {
        if (!truthy(policy)) {
            return;
        }
        if (!(policy instanceof Map<?, ?> rules)) {
            throw Validator.fail("retry_policy must be a dict.");
        }
        for (String key : INTEGER_KEYS) {
            Object value = rules.get(key);
            if (truthy(value) && !isInt(value)) {
                throw Validator.fail("Retry policy: " + key + " must be a integer.");
            }
        }
        Object backoff = rules.get("retry_backoff_function");
        if (truthy(backoff) && !(backoff instanceof String)) {
            throw Validator.fail("retry_backoff_function must be a string.");
        }
        if (truthy(backoff) && !BACKOFF_FUNCTIONS.contains(backoff)) {
            throw Validator.fail("invalid retry_backoff_function.");
        }
        Object ignoreOverride = rules.get("ignore_subscription_override");
        if (truthy(ignoreOverride) && !(ignoreOverride instanceof Boolean)) {
            throw Validator.fail("ignore_subscription_override must be a boolean.");
        }
        long minDelay = isInt(rules.get("minimum_delay")) ? intValue(rules.get("minimum_delay")) : MINIMUM_DELAY;
        long maxDelay = isInt(rules.get("maximum_delay")) ? intValue(rules.get("maximum_delay")) : MAXIMUM_DELAY;
        if (maxDelay < minDelay) {
            throw Validator.fail("minimum_delay must less than maximum_delay.");
        }
        if (maxDelay - minDelay < 2L * LINEAR_INTERVAL) {
            throw Validator.fail("invalid minimum_delay and maximum_delay.");
        }
    }
}
