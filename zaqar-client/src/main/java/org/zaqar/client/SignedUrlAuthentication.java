package org.zaqar.client;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;

/** The headers of a pre-signed URL, which the server checks instead of any token. */
final class SignedUrlAuthentication extends Authentication {
    private final Map<String, String> headers;

    SignedUrlAuthentication(SignedUrl url) {
        this.headers = Map.of(
                "URL-Signature", url.signature(),
                "URL-Expires", url.expires(),
                "URL-Methods", String.join(",", url.methods()),
                "URL-Paths", String.join(",", url.paths()),
                "X-Project-ID", url.project());
    }

    @Override
    Map<String, String> headers(HttpClient http, Duration timeout) {
        return headers;
    }
}
