package org.zaqar.core.validation;

import static org.zaqar.core.validation.PythonValues.isInt;
import static org.zaqar.core.validation.PythonValues.truthy;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.zaqar.core.config.ConfigSection;
import org.zaqar.core.config.TransportLimits;

/**
 * Upstream's checks of a subscription document ({@code subscription_posting},
 * {@code subscription_patching}, {@code subscription_confirming}) with the subscriber schemes of
 * {@code [transport] subscriber_types}.
 */
public final class SubscriptionRules {
    public static final List<String> DEFAULT_SUBSCRIBER_TYPES = TransportLimits.SUBSCRIBER_TYPES.defaultValue();
    /** Python's {@code urlparse} scheme: a letter, then letters, digits, '+', '-' or '.', then ':'. */
    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.\\-]*):");
    /** Seconds from the epoch to Python's {@code datetime.max}. */
    private static final long PYTHON_MAX_EPOCH_SECONDS = 253402300799L;

    private final List<String> subscriberTypes;

    public SubscriptionRules(List<String> subscriberTypes) {
        this.subscriberTypes = List.copyOf(subscriberTypes);
    }

    /** Reads {@code subscriber_types} from {@code [transport]}. */
    public static SubscriptionRules from(ConfigSection transport) {
        return new SubscriptionRules(TransportLimits.SUBSCRIBER_TYPES.from(transport));
    }

    public List<String> subscriberTypes() {
        return subscriberTypes;
    }

    /** The scheme of a subscriber URI, lower case, or "" when it has none (as Python's urlparse). */
    public static String scheme(String subscriber) {
        Matcher matcher = SCHEME.matcher(subscriber);
        return matcher.find() ? matcher.group(1).toLowerCase(Locale.ROOT) : "";
    }

    /** A new subscription: {@code subscriber} is required, then the patching rules apply. */
    public void posting(Object document, Instant now) {
        if (document instanceof Map<?, ?> map && !map.containsKey("subscriber")) {
            throw Validator.fail("Missing parameter subscriber in body.");
        }
        patching(document, now);
        // Upstream's checks pass a subscriber that is null, false, 0, "", [] or {}, and then fail on it.
        Object subscriber = ((Map<?, ?>) document).get("subscriber");
        if (!(subscriber instanceof String text) || text.isEmpty()) {
            throw Validator.fail("The subscriber of a subscription must be a URI such as http://host/path or "
                    + "mailto:user@host, not " + (subscriber instanceof String ? "empty" : PythonValues.typeName(subscriber)) + ".");
        }
    }

    public void patching(Object document, Instant now) {
        if (!truthy(document)) {
            throw Validator.fail("No subscription to create.");
        }
        if (!(document instanceof Map<?, ?> subscription)) {
            throw Validator.fail("Subscriptions must be a dict.");
        }
        Object subscriber = subscription.get("subscriber");
        if (truthy(subscriber)) {
            String scheme = subscriber instanceof String text ? scheme(text) : "";
            if (!subscriberTypes.contains(scheme)) {
                throw Validator.fail("The subscriber type of subscription must be supported in the list "
                        + pythonList(subscriberTypes) + ".");
            }
        }
        Object options = subscription.get("options");
        if (truthy(options) && !(options instanceof Map<?, ?>)) {
            throw Validator.fail("Options must be a dict.");
        }
        if (options instanceof Map<?, ?> map) {
            RetryPolicyRules.check(map.get("_retry_policy"));
        }
        Object ttl = subscription.get("ttl");
        if (truthy(ttl)) {
            if (!isInt(ttl)) {
                throw Validator.fail("TTL must be an integer.");
            }
            long seconds = PythonValues.intValue(ttl);
            if (seconds < TransportLimits.MIN_SUBSCRIPTION_TTL) {
                throw Validator.fail("The TTL for a subscription must be at least "
                        + TransportLimits.MIN_SUBSCRIPTION_TTL + " seconds long.");
            }
            if (seconds > PYTHON_MAX_EPOCH_SECONDS - now.getEpochSecond() || seconds > Integer.MAX_VALUE) {
                throw Validator.fail("The TTL seconds for a subscription plus current time must be less than "
                        + "9999-12-31 23:59:59.999999.");
            }
        }
    }

    /** @return the value of {@code confirmed}, which must be a boolean */
    public boolean confirming(Object document) {
        if (document instanceof Map<?, ?> map && map.get("confirmed") instanceof Boolean confirmed) {
            return confirmed;
        }
        throw Validator.fail("The 'confirmed' should be boolean.");
    }

    private static String pythonList(List<String> values) {
        return values.stream().map(v -> "'" + v + "'").collect(Collectors.joining(", ", "[", "]"));
    }
}
