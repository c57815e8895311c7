package org.zaqar.api;

import java.util.Map;

/**
 * An HTTP error with upstream's exact status, title and description, for the failures that only
 * exist at the HTTP edge (headers, query parameters, request bodies). Everything else travels as
 * {@link org.zaqar.core.error.ZaqarException} and is translated by {@link ErrorMapper}.
 *
 * @param description null to leave it out of the body, as falcon does
 */
final class ApiError extends RuntimeException {
    private final int status;
    private final String title;
    private final String description;
    private final Map<String, String> headers;

    ApiError(int status, String title, String description, Map<String, String> headers) {
        super(title + ": " + description, null, false, false);
        this.status = status;
        this.title = title;
        this.description = description;
        this.headers = headers;
    }

    ApiError(int status, String title, String description) {
        this(status, title, description, Map.of());
    }

    int status() {
        return status;
    }

    String title() {
        return title;
    }

    String description() {
        return description;
    }

    Map<String, String> headers() {
        return headers;
    }

    /** Upstream's {@code HTTPBadRequestAPI}: input broke an API rule. */
    static ApiError badRequest(String description) {
        return new ApiError(400, "Invalid API request", description);
    }

    /** Upstream's {@code HTTPBadRequestBody}: the body could not be used. */
    static ApiError badBody(String description) {
        return new ApiError(400, "Invalid request body", description);
    }

    static ApiError notFound(String description) {
        return new ApiError(404, "Not found", description);
    }

    static ApiError conflict(String description) {
        return new ApiError(409, "Resource conflict", description);
    }

    /** Falcon's error for a query parameter of the wrong type. */
    static ApiError invalidParameter(String name, String problem) {
        return new ApiError(400, "Invalid parameter", "The \"" + name + "\" parameter is invalid. " + problem);
    }
}
