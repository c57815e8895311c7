package org.zaqar.client;

/**
 * Every failure the client reports: an error answer from Zaqar or Keystone, or a request that
 * never got an answer. An error answer carries its HTTP status, Zaqar's error body
 * ({@code {"title": ..., "description": ...}}) and the {@code x-openstack-request-id} the server
 * logged it under; a request without an answer has status 0 and the I/O failure as its cause.
 */
public final class ZaqarException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String title;
    private final String description;
    private final String requestId;

    /**
     * @param request     what was sent, e.g. "GET /v2/queues", first in the message
     * @param status      the HTTP status, or 0 when no answer came
     * @param title       the error body's title, or null
     * @param description the error body's description (or the raw body when it is not Zaqar's), or null
     * @param requestId   the server's {@code x-openstack-request-id}, or null
     */
    ZaqarException(String request, int status, String title, String description, String requestId,
                   Throwable cause) {
        super(message(request, status, title, description, requestId), cause);
        this.status = status;
        this.title = title;
        this.description = description;
        this.requestId = requestId;
    }

    private static String message(String request, int status, String title, String description, String requestId) {
        StringBuilder text = new StringBuilder(request);
        text.append(status == 0 ? ": no answer" : ": " + status);
        if (title != null) {
            text.append(' ').append(title);
        }
        if (description != null && !description.isEmpty()) {
            text.append(": ").append(description);
        }
        if (requestId != null) {
            text.append(" (").append(requestId).append(')');
        }
        return text.toString();
    }

    /** The HTTP status, or 0 when the request got no answer. */
    public int status() {
        return status;
    }

    /** The title of Zaqar's error body, or null. */
    public String title() {
        return title;
    }

    /** The description of Zaqar's error body, or the raw body when it was not Zaqar's, or null. */
    public String description() {
        return description;
    }

    /** The {@code x-openstack-request-id} the server logged this request under, or null. */
    public String requestId() {
        return requestId;
    }
}
