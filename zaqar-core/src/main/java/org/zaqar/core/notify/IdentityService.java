package org.zaqar.core.notify;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.zaqar.core.error.ZaqarException;

/**
 * What subscriptions need from the identity service (Keystone, behind {@code [trustee]} and
 * {@code [keystone_authtoken]}): trusts for {@code trust+http(s)} subscribers, and the public
 * endpoints of the service catalog, named in confirmation requests. Calls may block on the
 * network. {@link #NONE} stands for a server without Keystone.
 */
public interface IdentityService {
    /** No Keystone: trusts cannot be made or used, and no endpoint is known. */
    IdentityService NONE = new IdentityService() {
    };

    /**
     * The user a request comes from, as Keystone validated their token.
     *
     * @param roleNames the token's role names, as Keystone spells them
     */
    record Trustor(String userId, String token, List<String> roleNames) {
        @Override
        public String toString() {
            return "Trustor[userId=" + userId + ", roleNames=" + roleNames + "]";
        }
    }

    /**
     * Creates a trust, acting with the trustor's own token: the trustor delegates their roles on
     * {@code projectId} to the configured trustee user, with impersonation, until {@code expiresAt}.
     *
     * @param expiresAt null for a trust that does not expire
     * @return the trust's id
     * @throws ZaqarException STORAGE_UNAVAILABLE when no trustee is configured or Keystone refuses
     *                        or cannot answer
     */
    default String createTrust(Trustor trustor, String projectId, Instant expiresAt) {
        throw ZaqarException.unavailable("no Keystone trustee is configured ([trustee] auth_url)", null);
    }

    /**
     * A token the trustee obtains from the trust, for a {@code trust+} subscriber's notifications.
     *
     * @throws ZaqarException STORAGE_UNAVAILABLE when no trustee is configured or Keystone refuses
     *                        (a deleted or expired trust) or cannot answer
     */
    default String trustToken(String trustId) {
        throw ZaqarException.unavailable("no Keystone trustee is configured ([trustee] auth_url)", null);
    }

    /**
     * Zaqar's public endpoints in the service catalog, by service name ({@code zaqar},
     * {@code zaqar-websocket}); empty when there is no catalog or it lists neither.
     */
    default Map<String, String> publicEndpoints() {
        return Map.of();
    }
}
