package org.zaqar.api;

import java.nio.file.Path;
import java.util.List;

import org.zaqar.core.message.MessageEncryption;

/**
 * Authentication and authorization options, already validated by the server.
 *
 * @param keystone           the {@code [keystone_authtoken]} section when {@code auth_strategy = keystone},
 *                           null for {@code noauth}
 * @param signedUrlSecretKey {@code [signed_url] secret_key}; a secret, never logged
 * @param policyFile         {@code [oslo_policy] policy_file}, resolved; null or missing means upstream's defaults
 * @param cors               the {@code [cors]} section
 * @param messageEncryption  from {@code [transport] message_encryption_*}; null when no key is set
 * @param policyDirectories  {@code [oslo_policy] policy_dirs} that exist, resolved, in order
 * @param policyDefaultRule  {@code [oslo_policy] policy_default_rule}
 */
public record SecuritySettings(KeystoneSettings keystone, String signedUrlSecretKey, Path policyFile,
                               CorsSettings cors, MessageEncryption messageEncryption,
                               List<Path> policyDirectories, String policyDefaultRule) {

    /** Without policy directories, with oslo.policy's default rule name. */
    public SecuritySettings(KeystoneSettings keystone, String signedUrlSecretKey, Path policyFile,
                            CorsSettings cors, MessageEncryption messageEncryption) {
        this(keystone, signedUrlSecretKey, policyFile, cors, messageEncryption, List.of(), Policy.DEFAULT_RULE);
    }

    /** Without message encryption. */
    public SecuritySettings(KeystoneSettings keystone, String signedUrlSecretKey, Path policyFile, CorsSettings cors) {
        this(keystone, signedUrlSecretKey, policyFile, cors, null);
    }

    /** No authentication, no signing key, upstream's default policy, no CORS, no message encryption. */
    public static SecuritySettings noauth() {
        return new SecuritySettings(null, null, null, CorsSettings.disabled(), null);
    }

    @Override
    public String toString() {
        return "SecuritySettings[keystone=" + keystone + ", signedUrlSecretKey="
                + (signedUrlSecretKey == null ? "unset" : "****") + ", policyFile=" + policyFile + ", policyDirectories=" + policyDirectories
                + ", policyDefaultRule=" + policyDefaultRule + ", cors=" + cors + ", messageEncryption="
                + (messageEncryption == null ? "off" : "AES256") + "]";
    }
}
