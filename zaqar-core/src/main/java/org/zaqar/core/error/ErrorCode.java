package org.zaqar.core.error;

/**
 * Every failure the core and the storage backends can report. The API maps each code to
 * upstream Zaqar's HTTP status and error title in exactly one place.
 */
public enum ErrorCode {
    /** Input broke a documented rule (limits, names, JSON shape); upstream answers 400. */
    VALIDATION_FAILED,
    QUEUE_DOES_NOT_EXIST,
    QUEUE_IS_EMPTY,
    MESSAGE_DOES_NOT_EXIST,
    CLAIM_DOES_NOT_EXIST,
    /** A claim id was given but does not match the message's current claim. */
    CLAIM_DOES_NOT_MATCH,
    /** The message is claimed; it cannot be deleted without that claim's id. */
    MESSAGE_IS_CLAIMED,
    /** A claim id was given but the message is not claimed at all. */
    MESSAGE_NOT_CLAIMED,
    /** The message is claimed by another claim than the one given. */
    MESSAGE_NOT_CLAIMED_BY,
    /** Generic "does not exist" for resources of later issues (subscriptions, pools, ...). */
    NOT_FOUND,
    /** A resource with the same identity exists already. */
    CONFLICT,
    /** Not allowed by the server's rules (e.g. deleting a pool a flavor still uses). */
    NOT_PERMITTED,
    /** The backend does not offer this capability. */
    UNSUPPORTED,
    /**
     * A post was refused because the queue's metadata changed after the caller read it with
     * {@link org.zaqar.core.storage.QueueStore#metadataForPosting}: read it again and retry.
     */
    QUEUE_METADATA_CHANGED,
    /** The backend could not be reached or failed; upstream answers 503. */
    STORAGE_UNAVAILABLE,
}
