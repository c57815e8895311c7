package org.zaqar.core.model;

import java.util.Set;

/**
 * Who is asking: built once per request at the edge and passed down explicitly.
 *
 * @param projectId the project every read and write is scoped to (never null for data-plane calls)
 * @param clientId  the Client-ID header, or null where upstream does not require it
 * @param roles     the caller's roles, lower case
 */
public record RequestContext(String projectId, String clientId, Set<String> roles) {

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
