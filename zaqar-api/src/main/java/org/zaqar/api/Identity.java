package org.zaqar.api;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import org.zaqar.core.notify.IdentityService;

/**
 * Who a request comes from, established once by the {@link Authenticator} (from the token, the
 * signature, or under {@code noauth} from what the client declares); the request context and the
 * policy credentials are built from it, never from headers read later.
 *
 * @param projectId       from the token, the signed X-Project-ID of a pre-signed URL, or X-Project-ID under noauth
 * @param userId          from the token; null for a pre-signed URL
 * @param roles           lower-case role names from the token; none for a pre-signed URL
 * @param domainId        the domain of a domain-scoped token, else null
 * @param userDomainId    the user's domain, when known
 * @param projectDomainId the project's domain, when known
 * @param user            the token's user, token and roles as Keystone spells them (a trust is made
 *                        with them); null without a Keystone token
 */
record Identity(String projectId, String userId, Set<String> roles, String domainId, String userDomainId,
                String projectDomainId, IdentityService.Trustor user) {
    static final String ATTRIBUTE = "zaqar.identity";

    /** Only a project: a pre-signed URL. */
    static Identity ofProject(String projectId) {
        return new Identity(projectId, null, Set.of(), null, null, null, null);
    }

    /**
     * {@code noauth}: what the client declares, read as upstream's {@code inject_context} reads it.
     *
     * @param header a request header by name (an HTTP header, or a WebSocket request's)
     */
    static Identity declared(UnaryOperator<String> header) {
        String roles = header.apply("X-Roles");
        return new Identity(header.apply("X-Project-ID"), header.apply("X-User-ID"),
                roles == null ? Set.of() : Arrays.stream(roles.split(",")).map(String::strip)
                        .filter(role -> !role.isEmpty()).map(role -> role.toLowerCase(Locale.ROOT))
                        .collect(Collectors.toUnmodifiableSet()),
                header.apply("X-Domain-ID"), header.apply("X-User-Domain-ID"), header.apply("X-Project-Domain-ID"), null);
    }

    /**
     * The credentials policy rules see: the keys of upstream's {@code RequestContext.to_dict()}
     * (so {@code is_admin} is always False and {@code is_admin_project} always True, as there).
     * The token itself is left out ({@code auth_token} is None): rules never need it, and
     * {@code http:} checks would otherwise send it on.
     */
    Map<String, Object> credentials(String clientId, String requestId) {
        Map<String, Object> credentials = new LinkedHashMap<>();
        credentials.put("user", userId);
        credentials.put("project_id", projectId);
        credentials.put("project", projectId);
        credentials.put("system_scope", null);
        credentials.put("domain", domainId);
        credentials.put("user_domain", userDomainId);
        credentials.put("project_domain", projectDomainId);
        credentials.put("is_admin", false);
        credentials.put("read_only", false);
        credentials.put("show_deleted", false);
        credentials.put("auth_token", null);
        credentials.put("request_id", requestId);
        credentials.put("global_request_id", null);
        credentials.put("resource_uuid", null);
        credentials.put("roles", List.copyOf(roles));
        credentials.put("user_identity", Arrays.stream(new String[] {userId, projectId, domainId, userDomainId,
                projectDomainId}).map(part -> part == null || part.isEmpty() ? "-" : part)
                .collect(Collectors.joining(" ")));
        credentials.put("is_admin_project", true);
        credentials.put("client_id", clientId);
        return credentials;
    }
}
