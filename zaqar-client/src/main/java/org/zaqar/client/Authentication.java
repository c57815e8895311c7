package org.zaqar.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How the client proves who it is: a project id when the server runs without authentication, a
 * Keystone v3 token (from a password or an existing token), or a pre-signed URL.
 */
public abstract sealed class Authentication
        permits NoAuthentication, KeystoneAuthentication, SignedUrlAuthentication {

    Authentication() {
    }

    /**
     * For a server with {@code auth_strategy = noauth}: every request names its project in
     * {@code X-Project-ID}, and its roles (e.g. "admin" for pools and flavors) in {@code X-Roles}.
     */
    public static Authentication noAuth(String projectId, String... roles) {
        return new NoAuthentication(Objects.requireNonNull(projectId, "projectId"), List.of(roles));
    }

    /**
     * Keystone v3 password authentication of a user of the Default domain, scoped to a project of
     * the Default domain. The client asks Keystone for a token before the first request, and for a
     * new one shortly before it expires or when Zaqar answers 401 (a token revoked early).
     *
     * @param authUrl Keystone's public endpoint, with or without {@code /v3}
     */
    public static Authentication keystonePassword(URI authUrl, String userName, String password, String projectName) {
        return keystonePassword(authUrl, userName, "Default", password, projectName, "Default");
    }

    /**
     * Keystone v3 password authentication, as {@link #keystonePassword(URI, String, String, String)},
     * naming the domains of the user and of the project.
     */
    public static Authentication keystonePassword(URI authUrl, String userName, String userDomainName, String password,
                                                  String projectName, String projectDomainName) {
        return new KeystoneAuthentication(authUrl, KeystoneAuthentication.passwordIdentity(userName, userDomainName,
                password), projectName, projectDomainName);
    }

    /**
     * Keystone v3 token authentication: {@code token} (from another client or a login) is exchanged
     * for a token scoped to {@code projectName} of the Default domain. The exchange is repeated when
     * the scoped token expires or is refused, which works for as long as {@code token} itself is
     * valid; Keystone never extends a token's life, so after that the client fails with 401.
     */
    public static Authentication keystoneToken(URI authUrl, String token, String projectName) {
        return new KeystoneAuthentication(authUrl, KeystoneAuthentication.tokenIdentity(token), projectName, "Default");
    }

    /**
     * A pre-signed URL from {@code queues().share(...)}: the client sends the signature headers
     * and may then do what the URL allows (its methods, on its paths) until it expires, without
     * any other credentials.
     */
    public static Authentication signedUrl(SignedUrl url) {
        return new SignedUrlAuthentication(Objects.requireNonNull(url, "url"));
    }

    /** The headers that authenticate the next request; may ask Keystone for a token first. */
    abstract Map<String, String> headers(HttpClient http, Duration timeout);

    /**
     * Called when Zaqar answered 401 to a request sent with {@code rejected} (what {@link #headers}
     * returned): true when new credentials were obtained and the request is worth sending again.
     */
    boolean renew(Map<String, String> rejected, HttpClient http, Duration timeout) {
        return false;
    }
}
