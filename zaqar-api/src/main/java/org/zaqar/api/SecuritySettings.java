package org.zaqar.api;

import java.nio.file.Path;

/**
 * Authentication and authorization options, already validated by the server.
 *
 * @param keystone           the {@code [keystone_authtoken]} section when {@code auth_strategy = keystone},
 *                           null for {@code noauth}
 * @param signedUrlSecretKey {@code [signed_url] secret_key}; a secret, never logged
 * @param policyFile         {@code [oslo_policy] policy_file}, resolved; null or missing means upstream's defaults
 * @param cors               the {@code [cors]} section
 */
public record SecuritySettings(KeystoneSettings keystone, String signedUrlSecretKey, Path policyFile,
                               CorsSettings cors) {

    /** No authentication, no signing key, upstream's default policy, no CORS. */
    public static SecuritySettings noauth() {
        return new SecuritySettings(null, null, null, CorsSettings.disabled());
    }

    @Override
    public String toString() {
        return "SecuritySettings[keystone=" + keystone + ", signedUrlSecretKey="
                + (signedUrlSecretKey == null ? "unset" : "****") + ", policyFile=" + policyFile + ", cors=" + cors + "]";
    }
}
