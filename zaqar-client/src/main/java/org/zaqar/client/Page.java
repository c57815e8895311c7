package org.zaqar.client;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One page of a listing. Pass {@code nextMarker} as the marker of the next call to get the page
 * after this one; the listing is done when a page comes back empty (Zaqar links a next page
 * whenever a page has items) or {@code nextMarker} is null.
 *
 * @param items      this page's items, in the server's order
 * @param nextMarker the marker of the server's "next" link, or null when it gave none
 */
public record Page<T>(List<T> items, String nextMarker) {
    public Page {
        items = List.copyOf(items);
    }

    /** The marker in a listing's {@code links} array ({@code [{"rel": "next", "href": "...?marker=X"}]}), or null. */
    static String nextMarker(JsonNode body) {
        for (JsonNode link : body.path("links")) {
            if ("next".equals(link.path("rel").asText())) {
                String query = URI.create(link.path("href").asText()).getRawQuery();
                for (String pair : query == null ? new String[0] : query.split("&")) {
                    if (pair.startsWith("marker=")) {
                        return URLDecoder.decode(pair.substring("marker=".length()), StandardCharsets.UTF_8);
                    }
                }
            }
        }
        return null;
    }
}
