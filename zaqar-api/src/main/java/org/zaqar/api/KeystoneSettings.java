package org.zaqar.api;

import java.time.Duration;

/**
 * The {@code [keystone_authtoken]} options this server reads, with keystonemiddleware's names.
 *
 * @param wwwAuthenticateUri {@code www_authenticate_uri}: named in the 401's WWW-Authenticate header
 * @param authUrl            {@code auth_url}: where the tokens are validated (with or without "/v3")
 * @param username           {@code username} of the service user
 * @param password           {@code password} of the service user; a secret, never logged
 * @param projectName        {@code project_name} the service token is scoped to
 * @param userDomainName     {@code user_domain_name}
 * @param projectDomainName  {@code project_domain_name}
 * @param tokenCacheTime     {@code token_cache_time}: how long a validated token is trusted at most
 * @param timeout            {@code http_connect_timeout}: connect and request timeout towards Keystone
 * @param tls                {@code cafile}, {@code certfile}, {@code keyfile}, {@code insecure}
 */
public record KeystoneSettings(String wwwAuthenticateUri, String authUrl, String username, String password,
                               String projectName, String userDomainName, String projectDomainName,
                               Duration tokenCacheTime, Duration timeout, KeystoneTls tls) {

    /** With the JVM's trust store. */
    public KeystoneSettings(String wwwAuthenticateUri, String authUrl, String username, String password,
                            String projectName, String userDomainName, String projectDomainName,
                            Duration tokenCacheTime, Duration timeout) {
        this(wwwAuthenticateUri, authUrl, username, password, projectName, userDomainName, projectDomainName,
                tokenCacheTime, timeout, KeystoneTls.DEFAULT);
    }

    @Override
    public String toString() {
        return "KeystoneSettings[wwwAuthenticateUri=" + wwwAuthenticateUri + ", authUrl=" + authUrl
                + ", username=" + username + ", password=****, projectName=" + projectName
                + ", tokenCacheTime=" + tokenCacheTime + ", tls=" + tls + "]";
    }
}
