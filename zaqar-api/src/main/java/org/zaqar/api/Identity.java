package org.zaqar.api;

import java.util.Set;

/**
 * Who a request comes from, once authenticated; the request guard builds the request context
 * from it instead of from client-sent headers.
 *
 * @param projectId from the token, or the signed X-Project-ID of a pre-signed URL
 * @param userId    from the token; null for a pre-signed URL
 * @param roles     lower-case role names from the token; none for a pre-signed URL
 */
record Identity(String projectId, String userId, Set<String> roles) {
    static final String ATTRIBUTE = "zaqar.identity";
}
