package org.zaqar.core.model;

/** Queue metadata keys with a meaning to the server (upstream's reserved "_" keys). */
public final class ReservedMetadata {
    public static final String MAX_MESSAGES_POST_SIZE = "_max_messages_post_size";
    public static final String DEFAULT_MESSAGE_TTL = "_default_message_ttl";
    public static final String DEFAULT_MESSAGE_DELAY = "_default_message_delay";
    public static final String DEAD_LETTER_QUEUE = "_dead_letter_queue";
    public static final String DEAD_LETTER_QUEUE_MESSAGES_TTL = "_dead_letter_queue_messages_ttl";
    public static final String MAX_CLAIM_COUNT = "_max_claim_count";
    public static final String ENABLE_ENCRYPT_MESSAGES = "_enable_encrypt_messages";

    private ReservedMetadata() {
    }
}
