package org.zaqar.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zaqar.api.CorsSettings;
import org.zaqar.api.KeystoneIdentity;
import org.zaqar.api.KeystoneSettings;
import org.zaqar.api.KeystoneTls;
import org.zaqar.api.SecuritySettings;
import org.zaqar.api.TrusteeSettings;
import org.zaqar.core.config.ConfigSection;
import org.zaqar.core.config.ZaqarConfig;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.core.message.MessageEncryption;
import org.zaqar.core.notify.IdentityService;

/**
 * Authentication and authorization options: {@code [DEFAULT] auth_strategy},
 * {@code [keystone_authtoken]} (keystonemiddleware's names), {@code [trustee]} (keystoneauth's), {@code [signed_url]},
 * {@code [oslo_policy]} and {@code [cors]} (oslo.middleware's names). Every violation is
 * reported at once; secrets are never printed.
 */
final class SecurityOptions {
    private static final Logger LOG = LoggerFactory.getLogger(SecurityOptions.class);
    static final String KEYSTONE_SECTION = "keystone_authtoken";
    static final String TRUSTEE_SECTION = "trustee";
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
        ConfigSection policy = config.section("oslo_policy");
        return new SecuritySettings(keystone, secret, policyFile(config), cors, encryption, policyDirectories(config),
                policy.getString("policy_default_rule", "default").trim());
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
        KeystoneTls tls = KeystoneTls.DEFAULT;
        try {
            tls = tls(section);
        } catch (ZaqarException e) {
            problems.add(e.getMessage());
        }
        return new KeystoneSettings(www, authUrl, section.getString("username", ""),
                section.getString("password", ""), section.getString("project_name", ""),
                section.getString("user_domain_name", "Default"), section.getString("project_domain_name", "Default"),
                Duration.ofSeconds(Math.max(0, cacheTime)), Duration.ofSeconds(Math.max(1, timeout)), tls);
    }

    /**
     * keystoneauth's session TLS options of a section ({@code cafile}, {@code certfile},
     * {@code keyfile}, {@code insecure}), read once; insecure is worth a warning at every start.
     */
    private static KeystoneTls tls(ConfigSection section) {
        boolean insecure = section.getBoolean("insecure", false);
        if (insecure) {
            LOG.warn("[{}] insecure = true: Keystone's TLS certificate and host name are not verified", section.name());
        }
        return KeystoneTls.load(section.name(), path(section, "cafile"), path(section, "certfile"),
                path(section, "keyfile"), insecure);
    }

    private static Path path(ConfigSection section, String option) {
        String value = optional(section, option);
        return value == null ? null : Path.of(value);
    }

    /**
     * Keystone for subscriptions: trusts from {@code [trustee]} (none when its auth_url is empty,
     * as upstream then has no trustee) and the catalog seen by {@code [keystone_authtoken]}.
     */
    static IdentityService identity(ZaqarConfig config, SecuritySettings security, InstantSource clock) {
        TrusteeSettings trustee = trustee(config.section(TRUSTEE_SECTION));
        if (trustee == null && security.keystone() == null) {
            return IdentityService.NONE;
        }
        return new KeystoneIdentity(trustee, security.keystone(), clock);
    }

    private static TrusteeSettings trustee(ConfigSection section) {
        String authUrl = optional(section, "auth_url");
        if (authUrl == null) {
            return null;
        }
        List<String> problems = new ArrayList<>();
        String authType = section.getString("auth_type", "password").trim();
        if (!authType.isEmpty() && !authType.equals("password")) {
            problems.add("[trustee] auth_type = '" + authType + "' is not supported (only password)");
        }
        String userId = optional(section, "user_id");
        String username = optional(section, "username");
        if (userId == null && username == null) {
            problems.add("[trustee] user_id or username is required with auth_url");
        }
        if (userId == null && username != null && optional(section, "user_domain_id") == null
                && optional(section, "user_domain_name") == null) {
            problems.add("[trustee] user_domain_id or user_domain_name is required with username");
        }
        if (optional(section, "password") == null) {
            problems.add("[trustee] password is required with auth_url");
        }
        int timeout = 10;
        KeystoneTls tls = KeystoneTls.DEFAULT;
        try {
            timeout = section.getInt("timeout", 10);
            tls = tls(section);
        } catch (ZaqarException e) {
            problems.add(e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw ZaqarException.validation("zaqar.conf is invalid: " + String.join("; ", problems));
        }
        return new TrusteeSettings(authUrl, userId, username, optional(section, "user_domain_id"),
                optional(section, "user_domain_name"), optional(section, "password"), optional(section, "project_id"),
                optional(section, "project_name"), optional(section, "project_domain_id"),
                optional(section, "project_domain_name"), Duration.ofSeconds(Math.max(1, timeout)), tls);
    }

    /** An option's value, or null when it is not set or empty. */
    private static String optional(ConfigSection section, String option) {
        String value = section.getString(option, "").trim();
        return value.isEmpty() ? null : value;
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
     * {@code [oslo_policy] policy_dirs} (default {@code policy.d}), each found as oslo.config's
     * {@code find_file} finds it, as the policy file is; a directory found nowhere is left out, as
     * oslo.policy skips it.
     */
    static List<Path> policyDirectories(ZaqarConfig config) {
        List<String> names = list(config.section("oslo_policy"), "policy_dirs", List.of("policy.d"));
        return names.stream().map(name -> ConfigFiles.find(name, config.files()))
                .filter(found -> found != null && Files.isDirectory(found)).toList();
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
