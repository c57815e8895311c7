package org.zaqar.client;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A pre-signed URL, as {@code POST /v2/queues/NAME/share} returns it: whoever holds it may use the
 * {@code methods} on the {@code paths} of the {@code project} until {@code expires}, with no other
 * credentials. Give it to {@link Authentication#signedUrl} to build a client that uses it.
 *
 * @param expires UTC, as {@code 2026-12-31T23:59:59}
 */
public record SignedUrl(List<String> paths, List<String> methods, String project, String expires, String signature) {
    public SignedUrl {
        paths = List.copyOf(paths);
        methods = List.copyOf(methods);
    }

    static SignedUrl from(JsonNode body) {
        return new SignedUrl(Json.strings(body.get("paths")), Json.strings(body.get("methods")),
                Json.text(body, "project"), Json.text(body, "expires"), Json.text(body, "signature"));
    }
}
