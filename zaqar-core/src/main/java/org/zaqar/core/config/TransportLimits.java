package org.zaqar.core.config;

import java.util.ArrayList;
import java.util.List;

import org.zaqar.core.error.ZaqarException;

/**
 * The {@code [transport]} section: request limits and defaults, with upstream's option names and
 * defaults ({@code zaqar/conf/transport.py}).
 */
public record TransportLimits(
        int defaultMessageTtl,
        int defaultMessageDelay,
        int defaultClaimTtl,
        int defaultClaimGrace,
        int defaultSubscriptionTtl,
        int maxQueuesPerPage,
        int maxMessagesPerPage,
        int maxSubscriptionsPerPage,
        int maxMessagesPerClaimOrPop,
        int maxQueueMetadata,
        int maxMessagesPostSize,
        int maxMessageTtl,
        int maxMessageDelay,
        int maxClaimTtl,
        int maxClaimGrace,
        String clientIdUuidSafe,
        int minLengthClientId,
        int maxLengthClientId,
        boolean messageDeleteWithClaimId,
        int maxPoolsPerPage,
        int maxFlavorsPerPage) {

    public static final String SECTION = "transport";

    /** Fixed lower bounds of upstream's validation (not configurable there either). */
    public static final int MIN_MESSAGE_TTL = 60;
    public static final int MIN_CLAIM_TTL = 60;
    public static final int MIN_CLAIM_GRACE = 60;
    public static final int MIN_MESSAGE_DELAY = 0;
    public static final int MIN_SUBSCRIPTION_TTL = 60;

    public static TransportLimits defaults() {
        return from(ConfigSection.empty(SECTION));
    }

    /** Reads and checks the section; every violation is reported at once. */
    public static TransportLimits from(ConfigSection s) {
        TransportLimits limits = new TransportLimits(
                s.getInt("default_message_ttl", 3600),
                s.getInt("default_message_delay", 0),
                s.getInt("default_claim_ttl", 300),
                s.getInt("default_claim_grace", 60),
                s.getInt("default_subscription_ttl", 3600),
                s.getInt("max_queues_per_page", 20),
                s.getInt("max_messages_per_page", 20),
                s.getInt("max_subscriptions_per_page", 20),
                s.getInt("max_messages_per_claim_or_pop", 20),
                s.getInt("max_queue_metadata", 64 * 1024),
                s.getInt("max_messages_post_size", 256 * 1024),
                s.getInt("max_message_ttl", 1209600),
                s.getInt("max_message_delay", 900),
                s.getInt("max_claim_ttl", 43200),
                s.getInt("max_claim_grace", 43200),
                s.getString("client_id_uuid_safe", "strict"),
                s.getInt("min_length_client_id", 10),
                s.getInt("max_length_client_id", 36),
                s.getBoolean("message_delete_with_claim_id", false),
                s.getInt("max_pools_per_page", 20),
                s.getInt("max_flavors_per_page", 20));
        limits.check();
        return limits;
    }

    private void check() {
        List<String> problems = new ArrayList<>();
        atLeast(problems, "max_queues_per_page", maxQueuesPerPage, 1);
        atLeast(problems, "max_messages_per_page", maxMessagesPerPage, 1);
        atLeast(problems, "max_subscriptions_per_page", maxSubscriptionsPerPage, 1);
        atLeast(problems, "max_messages_per_claim_or_pop", maxMessagesPerClaimOrPop, 1);
        atLeast(problems, "max_queue_metadata", maxQueueMetadata, 1);
        atLeast(problems, "max_messages_post_size", maxMessagesPostSize, 1);
        atLeast(problems, "max_message_ttl", maxMessageTtl, 1);
        atLeast(problems, "max_message_delay", maxMessageDelay, 0);
        atLeast(problems, "max_claim_ttl", maxClaimTtl, 1);
        atLeast(problems, "max_claim_grace", maxClaimGrace, 1);
        atLeast(problems, "max_pools_per_page", maxPoolsPerPage, 1);
        atLeast(problems, "max_flavors_per_page", maxFlavorsPerPage, 1);
        atLeast(problems, "default_message_ttl", defaultMessageTtl, 1);
        atLeast(problems, "default_message_delay", defaultMessageDelay, 0);
        atLeast(problems, "default_claim_ttl", defaultClaimTtl, 1);
        atLeast(problems, "default_claim_grace", defaultClaimGrace, 0);
        atLeast(problems, "default_subscription_ttl", defaultSubscriptionTtl, 1);
        atLeast(problems, "min_length_client_id", minLengthClientId, 1);
        atLeast(problems, "max_length_client_id", maxLengthClientId, minLengthClientId);
        if (!List.of("strict", "off").contains(clientIdUuidSafe)) {
            problems.add("client_id_uuid_safe = '" + clientIdUuidSafe + "' must be one of strict, off");
        }
        if (!problems.isEmpty()) {
            throw ZaqarException.validation("invalid [" + SECTION + "] options: " + String.join("; ", problems));
        }
    }

    private static void atLeast(List<String> problems, String option, int value, int minimum) {
        if (value < minimum) {
            problems.add(option + " = " + value + " is below the minimum of " + minimum);
        }
    }
}
