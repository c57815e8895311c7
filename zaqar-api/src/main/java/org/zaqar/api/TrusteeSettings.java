package org.zaqar.api;

import java.time.Duration;

/**
 * The {@code [trustee]} options (keystoneauth's password plugin names, as upstream): the user
 * that {@code trust+} subscriptions delegate to, and that asks Keystone for trust-scoped tokens.
 * Empty values are null; the user is named by id, or by name and domain.
 *
 * @param authUrl  {@code auth_url}, with or without "/v3"
 * @param password a secret, never logged
 * @param timeout  {@code timeout}: connect and request timeout towards Keystone
 * @param tls      {@code cafile}, {@code certfile}, {@code keyfile}, {@code insecure} (keystoneauth's session options)
 */
public record TrusteeSettings(String authUrl, String userId, String username, String userDomainId,
                              String userDomainName, String password, String projectId, String projectName,
                              String projectDomainId, String projectDomainName, Duration timeout, KeystoneTls tls) {

    /** With the JVM's trust store. */
    public TrusteeSettings(String authUrl, String userId, String username, String userDomainId,
                           String userDomainName, String password, String projectId, String projectName,
                           String projectDomainId, String projectDomainName, Duration timeout) {
        this(authUrl, userId, username, userDomainId, userDomainName, password, projectId, projectName,
                projectDomainId, projectDomainName, timeout, KeystoneTls.DEFAULT);
    }

    @Override
    public String toString() {
        return "TrusteeSettings[authUrl=" + authUrl + ", userId=" + userId + ", username=" + username
                + ", password=****, projectId=" + projectId + ", projectName=" + projectName + ", tls=" + tls + "]";
    }
}
