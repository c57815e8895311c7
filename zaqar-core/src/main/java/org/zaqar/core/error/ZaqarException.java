package org.zaqar.core.error;

/**
 * The one exception type that crosses module boundaries. Backends translate their driver
 * exceptions into it; the API translates it into upstream's status code and error body.
 * The message is the human-readable description shown to clients, so it must carry the
 * facts ("ttl 30 is below the minimum of 60") and never secrets.
 */
public class ZaqarException extends RuntimeException {
    private final ErrorCode code;

    public ZaqarException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ZaqarException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    public static ZaqarException validation(String message) {
        return new ZaqarException(ErrorCode.VALIDATION_FAILED, message);
    }

    public static ZaqarException queueDoesNotExist(String project, String queue) {
        return new ZaqarException(ErrorCode.QUEUE_DOES_NOT_EXIST,
                "Queue " + queue + " does not exist for project " + project);
    }

    public static ZaqarException messageDoesNotExist(String project, String queue, String messageId) {
        return new ZaqarException(ErrorCode.MESSAGE_DOES_NOT_EXIST,
                "Message " + messageId + " does not exist in queue " + queue + " for project " + project);
    }

    public static ZaqarException claimDoesNotExist(String project, String queue, String claimId) {
        return new ZaqarException(ErrorCode.CLAIM_DOES_NOT_EXIST,
                "Claim " + claimId + " does not exist in queue " + queue + " for project " + project);
    }

    public static ZaqarException unsupported(String what) {
        return new ZaqarException(ErrorCode.UNSUPPORTED, what + " is not supported by this storage driver");
    }

    public static ZaqarException unavailable(String message, Throwable cause) {
        return new ZaqarException(ErrorCode.STORAGE_UNAVAILABLE, message, cause);
    }
}
