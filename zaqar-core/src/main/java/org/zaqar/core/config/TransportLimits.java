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

    private static final String LIMITS = "limits:transport";

    public static final Option<Integer> DEFAULT_MESSAGE_TTL = Option.integer(SECTION, "default_message_ttl", 3600,
            "Defines how long a message will be accessible (seconds).");
    public static final Option<Integer> DEFAULT_MESSAGE_DELAY = Option.integer(SECTION, "default_message_delay", 0,
            "Defines the default value for queue delay seconds; 0 means no delay.");
    public static final Option<Integer> DEFAULT_CLAIM_TTL = Option.integer(SECTION, "default_claim_ttl", 300,
            "Defines how long a message will be in claimed state (seconds).");
    public static final Option<Integer> DEFAULT_CLAIM_GRACE = Option.integer(SECTION, "default_claim_grace", 60,
            "Defines the message grace period in seconds.");
    public static final Option<Integer> DEFAULT_SUBSCRIPTION_TTL = Option.integer(SECTION,
            "default_subscription_ttl", 3600, "Defines how long a subscription will be available (seconds).");
    public static final Option<Integer> MAX_QUEUES_PER_PAGE = Option.integer(SECTION, "max_queues_per_page", 20,
            "Defines the maximum number of queues per page.").oldName(LIMITS, "queue_paging_uplimit");
    public static final Option<Integer> MAX_MESSAGES_PER_PAGE = Option.integer(SECTION, "max_messages_per_page",
            20, "Defines the maximum number of messages per page.").oldName(LIMITS, "message_paging_uplimit");
    public static final Option<Integer> MAX_SUBSCRIPTIONS_PER_PAGE = Option.integer(SECTION,
            "max_subscriptions_per_page", 20, "Defines the maximum number of subscriptions per page.")
            .oldName(LIMITS, "subscription_paging_uplimit");
    public static final Option<Integer> MAX_MESSAGES_PER_CLAIM_OR_POP = Option.integer(SECTION,
            "max_messages_per_claim_or_pop", 20, "The maximum number of messages that can be claimed (or "
                    + "popped) in a single request.").oldName("max_messages_per_claim");
    public static final Option<Integer> MAX_QUEUE_METADATA = Option.integer(SECTION, "max_queue_metadata",
            64 * 1024, "Defines the maximum amount of metadata in a queue (bytes).")
            .oldName(LIMITS, "metadata_size_uplimit");
    public static final Option<Integer> MAX_MESSAGES_POST_SIZE = Option.integer(SECTION, "max_messages_post_size",
            256 * 1024, "Defines the maximum size of message posts (bytes).").oldName("max_message_size")
            .oldName(LIMITS, "message_size_uplimit");
    public static final Option<Integer> MAX_MESSAGE_TTL = Option.integer(SECTION, "max_message_ttl", 1209600,
            "Maximum amount of time a message will be available (seconds; the minimum is 60).")
            .oldName(LIMITS, "message_ttl_max");
    public static final Option<Integer> MAX_MESSAGE_DELAY = Option.integer(SECTION, "max_message_delay", 900,
            "Maximum delay seconds before messages can be claimed.");
    public static final Option<Integer> MAX_CLAIM_TTL = Option.integer(SECTION, "max_claim_ttl", 43200,
            "Maximum length of a message in claimed state (seconds; the minimum is 60).")
            .oldName(LIMITS, "claim_ttl_max");
    public static final Option<Integer> MAX_CLAIM_GRACE = Option.integer(SECTION, "max_claim_grace", 43200,
            "Defines the maximum message grace period in seconds (the minimum is 60).")
            .oldName(LIMITS, "claim_grace_max");
    public static final Option<List<String>> SUBSCRIBER_TYPES = Option.list(SECTION, "subscriber_types",
            List.of("http", "https", "mailto", "trust+http", "trust+https"), "Defines supported subscriber types.");
    public static final Option<Integer> MAX_FLAVORS_PER_PAGE = Option.integer(SECTION, "max_flavors_per_page", 20,
            "Defines the maximum number of flavors per page.");
    public static final Option<Integer> MAX_POOLS_PER_PAGE = Option.integer(SECTION, "max_pools_per_page", 20,
            "Defines the maximum number of pools per page.");
    public static final Option<String> CLIENT_ID_UUID_SAFE = Option.string(SECTION, "client_id_uuid_safe",
            "strict", "Defines the format of client id: \"strict\" requires a UUID, \"off\" accepts any string "
                    + "of min..max length.");
    public static final Option<Integer> MIN_LENGTH_CLIENT_ID = Option.integer(SECTION, "min_length_client_id", 10,
            "Defines the minimum length of client id if the UUID restriction is off.");
    public static final Option<Integer> MAX_LENGTH_CLIENT_ID = Option.integer(SECTION, "max_length_client_id", 36,
            "Defines the maximum length of client id if the UUID restriction is off.");
    public static final Option<Boolean> MESSAGE_DELETE_WITH_CLAIM_ID = Option.bool(SECTION,
            "message_delete_with_claim_id", false, "Require claim ids when deleting claimed messages by ids, "
                    + "so messages cannot be deleted before they are claimed and handled.");

    /** The limits and defaults above, in the order the sample config lists them. */
    public static final List<Option<?>> OPTIONS = List.of(DEFAULT_MESSAGE_TTL, DEFAULT_MESSAGE_DELAY,
            DEFAULT_CLAIM_TTL, DEFAULT_CLAIM_GRACE, DEFAULT_SUBSCRIPTION_TTL, MAX_QUEUES_PER_PAGE,
            MAX_MESSAGES_PER_PAGE, MAX_SUBSCRIPTIONS_PER_PAGE, MAX_MESSAGES_PER_CLAIM_OR_POP, MAX_QUEUE_METADATA,
            MAX_MESSAGES_POST_SIZE, MAX_MESSAGE_TTL, MAX_MESSAGE_DELAY, MAX_CLAIM_TTL, MAX_CLAIM_GRACE,
            SUBSCRIBER_TYPES, MAX_FLAVORS_PER_PAGE, MAX_POOLS_PER_PAGE, CLIENT_ID_UUID_SAFE, MIN_LENGTH_CLIENT_ID,
            MAX_LENGTH_CLIENT_ID, MESSAGE_DELETE_WITH_CLAIM_ID);

    public static TransportLimits defaults() {
        return from(ConfigSection.empty(SECTION));
    }

    /** Reads and checks the section; every violation is reported at once. */
    public static TransportLimits from(ConfigSection s) {
        TransportLimits limits = new TransportLimits(
                DEFAULT_MESSAGE_TTL.from(s),
                DEFAULT_MESSAGE_DELAY.from(s),
                DEFAULT_CLAIM_TTL.from(s),
                DEFAULT_CLAIM_GRACE.from(s),
                DEFAULT_SUBSCRIPTION_TTL.from(s),
                MAX_QUEUES_PER_PAGE.from(s),
                MAX_MESSAGES_PER_PAGE.from(s),
                MAX_SUBSCRIPTIONS_PER_PAGE.from(s),
                MAX_MESSAGES_PER_CLAIM_OR_POP.from(s),
                MAX_QUEUE_METADATA.from(s),
                MAX_MESSAGES_POST_SIZE.from(s),
                MAX_MESSAGE_TTL.from(s),
                MAX_MESSAGE_DELAY.from(s),
                MAX_CLAIM_TTL.from(s),
                MAX_CLAIM_GRACE.from(s),
                CLIENT_ID_UUID_SAFE.from(s),
                MIN_LENGTH_CLIENT_ID.from(s),
                MAX_LENGTH_CLIENT_ID.from(s),
                MESSAGE_DELETE_WITH_CLAIM_ID.from(s),
                MAX_POOLS_PER_PAGE.from(s),
                MAX_FLAVORS_PER_PAGE.from(s));
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
