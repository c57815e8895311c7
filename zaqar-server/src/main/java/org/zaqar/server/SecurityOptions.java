package org.zaqar.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zaqar.api.CorsSettings;
import org.zaqar.api.KeystoneSettings;
import org.zaqar.api.SecuritySettings;
import org.zaqar.core.config.ConfigSection;
import org.zaqar.core.config.ZaqarConfig;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.core.message.MessageEncryption;

/**
 * Authentication and authorization options: {@code [DEFAULT] auth_strategy},
 * {@code [keystone_authtoken]} (keystonemiddleware's names), {@code [signed_url]},
 * {@code [oslo_policy]} and {@code [cors]} (oslo.middleware's names). Every violation is
 * reported at once; secrets are never printed.
 */
final class SecurityOptions {
    private static final Logger LOG = LoggerFactory.getLogger(SecurityOptions.class);
    static final String KEYSTONE_SECTION = "keystone_authtoken";
    static final int DEFAULT_TOKEN_CACHE_TIME = 300;
    static final String DEFAULT_POLICY_FILE = "policy.yaml";

    private SecurityOptions() {
    }

    static SecuritySettings from(ZaqarConfig config) {
        List<String> problems = new ArrayList<>();
        String strategy = config.defaults().getString("auth_strategy", "").trim();
        KeystoneSettings keystone = null;
        if (strategy.equals("keystone")) {
            keystone = keystone(config.section(KEYSTONE_SECTION), problems);
        } else if (!strategy.isEmpty() && !strategy.equals("noauth")) {
            problems.add("[DEFAULT] auth_strategy = '" + strategy + "' is not supported (use noauth or keystone)");
        }
        MessageEncryption encryption = null;
        ConfigSection transport = config.section("transport");
        try {
            encryption = MessageEncryption.create(transport.getString("message_encryption_algorithms", "AES256").trim(),
                    transport.getString("message_encryption_key", null),
                    list(transport, "message_encryption_previous_keys", List.of()));
        } catch (ZaqarException e) {
            problems.add(e.getMessage());
        }
        CorsSettings cors = null;
        try {
            cors = cors(config.section("cors"));
        } catch (ZaqarException e) {
            problems.add(e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw ZaqarException.validation("zaqar.conf is invalid: " + String.join("; ", problems));
        }
        String secret = config.section("signed_url").getString("secret_key", null);
        return new SecuritySettings(keystone, secret, policyFile(config), cors, encryption);
    }

    private static KeystoneSettings keystone(ConfigSection section, List<String> problems) {
        String authUrl = section.getString("auth_url", "").trim();
        if (authUrl.isEmpty()) {
            problems.add("[keystone_authtoken] auth_url is required when auth_strategy = keystone");
        }
        for (String required : List.of("username", "password", "project_name")) {
            if (section.getString(required, "").isEmpty()) {
                problems.add("[keystone_authtoken] " + required + " is required when auth_strategy = keystone");
            }
        }
        if (!section.getString("memcached_servers", "").isBlank()) {
            LOG.warn("[keystone_authtoken] memcached_servers is ignored: validated tokens are cached in memory");
        }
        String authType = section.getString("auth_type", "password").trim();
        if (!authType.equals("password")) {
            problems.add("[keystone_authtoken] auth_type = '" + authType + "' is not supported (only password)");
        }
        int cacheTime = DEFAULT_TOKEN_CACHE_TIME;
        int timeout = 10;
        try {
            cacheTime = section.getInt("token_cache_time", DEFAULT_TOKEN_CACHE_TIME);
            timeout = section.getInt("http_connect_timeout", 10);
        } catch (ZaqarException e) {
            problems.add(e.getMessage());
        }
        String www = section.getString("www_authenticate_uri", section.getString("auth_uri", authUrl)).trim();
        return new KeystoneSettings(www, authUrl, section.getString("username", ""),
                section.getString("password", ""), section.getString("project_name", ""),
                section.getString("user_domain_name", "Default"), section.getString("project_domain_name", "Default"),
                Duration.ofSeconds(Math.max(0, cacheTime)), Duration.ofSeconds(Math.max(1, timeout)));
    }

    private static CorsSettings cors(ConfigSection section) {
        String maxAge = section.getString("max_age", "").trim();
        Integer age = null;
        if (!maxAge.isEmpty()) {
            try {
                age = Integer.valueOf(maxAge);
            } catch (NumberFormatException e) {
                throw ZaqarException.validation("[cors] max_age = '" + maxAge + "' is not an integer");
            }
        }
        return new CorsSettings(
                list(section, "allowed_origin", List.of()),
                section.getBoolean("allow_credentials", true),
                list(section, "expose_headers", CorsSettings.DEFAULT_EXPOSE_HEADERS),
                age,
                list(section, "allow_methods", CorsSettings.DEFAULT_ALLOW_METHODS),
                list(section, "allow_headers", CorsSettings.DEFAULT_ALLOW_HEADERS));
    }

    private static List<String> list(ConfigSection section, String option, List<String> defaults) {
        return section.get(option).map(ServerOptions::list).orElse(defaults);
    }

    /**
     * {@code [oslo_policy] policy_file}, looked up as oslo.policy does: by oslo.config's
     * {@code find_file}, and when the default "policy.yaml" is nowhere, an old "policy.json".
     * Null when there is none: upstream's default rules then apply.
     */
    static Path policyFile(ZaqarConfig config) {
        ConfigSection section = config.section("oslo_policy");
        String name = section.getString("policy_file", DEFAULT_POLICY_FILE).trim();
        Path found = ConfigFiles.find(name, config.files());
        if (found == null && section.get("policy_file").isEmpty()) {
            found = ConfigFiles.find("policy.json", config.files());
        }
        if (found == null) {
            LOG.info("[oslo_policy] policy_file {} not found in {}; upstream's default rules apply", name,
                    ConfigFiles.searchPath(config.files()));
        }
        return found;
    }
}
