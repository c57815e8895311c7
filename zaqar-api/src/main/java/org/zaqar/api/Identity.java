package org.zaqar.api;

import java.util.Set;

import org.zaqar.core.notify.IdentityService;

/**
 * Who a request comes from, once authenticated; the request guard builds the request context
 * from it instead of from client-sent headers.
 *
 * @param projectId from the token, or the signed X-Project-ID of a pre-signed URL
 * @param roles     lower-case role names from the token; none for a pre-signed URL
 * @param user      the token's user, token and roles as Keystone spells them (a trust is made
 *                  with them); null for a pre-signed URL
 */
record Identity(String projectId, Set<String> roles, IdentityService.Trustor user) {
    static final String ATTRIBUTE = "zaqar.identity";
}
