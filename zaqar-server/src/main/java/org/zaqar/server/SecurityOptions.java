package org.zaqar.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zaqar.api.CorsSettings;
import org.zaqar.api.KeystoneIdentity;
import org.zaqar.api.KeystoneSettings;
import org.zaqar.api.SecuritySettings;
import org.zaqar.api.TrusteeSettings;
import org.zaqar.core.config.ConfigSection;
import org.zaqar.core.config.Option;
import org.zaqar.core.config.ZaqarConfig;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.core.message.MessageEncryption;
import org.zaqar.core.notify.IdentityService;
import org.zaqar.notify.NotificationOptions;

/**
 * Authentication and authorization options: {@code [DEFAULT] auth_strategy},
 * {@code [keystone_authtoken]} (keystonemiddleware's names), {@code [trustee]} (keystoneauth's), {@code [signed_url]},
 * {@code [oslo_policy]} and {@code [cors]} (oslo.middleware's names). Every violation is
 * reported at once; secrets are never printed.
 */
final class SecurityOptions {
    private static final Logger LOG = LoggerFactory.getLogger(SecurityOptions.class);
    private static final String TRANSPORT = "transport";
    private static final String CORS = "cors";
    private static final String POLICY = "oslo_policy";

    static final Option<String> MESSAGE_ENCRYPTION_ALGORITHMS = Option.string(TRANSPORT,
            "message_encryption_algorithms", "AES256", "Defines the encryption algorithm of messages; AES256 for "
                    + "now.");
    static final Option<String> MESSAGE_ENCRYPTION_KEY = Option.string(TRANSPORT, "message_encryption_key",
            null, "Defines the encryption key of the algorithm. Upstream's default is the published word AES256, "
                    + "which protects nothing; here unset means queues are not encrypted.").secret();
    static final Option<List<String>> MESSAGE_ENCRYPTION_PREVIOUS_KEYS = Option.list(TRANSPORT,
            "message_encryption_previous_keys", List.of(), "Our addition: former keys that still decrypt stored "
                    + "messages after a rotation.").secret();
    static final Option<List<String>> ALLOWED_ORIGIN = Option.list(CORS, "allowed_origin", List.of(),
            "oslo.middleware's CORS options. Empty disables CORS; \"*\" allows any origin.");
    static final Option<Boolean> ALLOW_CREDENTIALS = Option.bool(CORS, "allow_credentials", true, "Indicate that "
            + "the actual request can include user credentials.");
    static final Option<List<String>> EXPOSE_HEADERS = Option.list(CORS, "expose_headers",
            CorsSettings.DEFAULT_EXPOSE_HEADERS, "Headers exposed to the browser.");
    static final Option<Integer> MAX_AGE = Option.integer(CORS, "max_age", null, "Maximum cache age of CORS "
            + "preflight requests (seconds).");
    static final Option<List<String>> ALLOW_METHODS = Option.list(CORS, "allow_methods",
            CorsSettings.DEFAULT_ALLOW_METHODS, "Methods allowed in the actual request.");
    static final Option<List<String>> ALLOW_HEADERS = Option.list(CORS, "allow_headers",
            CorsSettings.DEFAULT_ALLOW_HEADERS, "Header field names that may be used in the actual request.");
    static final Option<String> POLICY_FILE = Option.string(POLICY, "policy_file", "policy.yaml", "The relative "
            + "or absolute path of a file that maps roles to permissions for a given service. Relative paths must "
            + "be specified in relation to the configuration file setting this option.");
    static final Option<List<String>> POLICY_DIRS = Option.list(POLICY, "policy_dirs", List.of("policy.d"),
            "Directories where policy configuration files are stored, found as policy_file is; their files "
                    + "override policy_file's rules in name order, and are re-read when one changes. A directory "
                    + "found nowhere is skipped.");
    static final Option<String> POLICY_DEFAULT_RULE = Option.string(POLICY, "policy_default_rule", "default",
            "Default rule. Enforced when a requested rule is not found.");
    static final Option<Boolean> ENFORCE_SCOPE = Option.bool(POLICY, "enforce_scope", false, "Accepted for "
            + "compatibility (oslo.policy).");
    static final Option<Boolean> ENFORCE_NEW_DEFAULTS = Option.bool(POLICY, "enforce_new_defaults", false,
            "Accepted for compatibility (oslo.policy).");

    /** The message encryption options of {@code [transport]}, listed after the transport limits. */
    static final List<Option<?>> ENCRYPTION_OPTIONS = List.of(MESSAGE_ENCRYPTION_ALGORITHMS, MESSAGE_ENCRYPTION_KEY,
            MESSAGE_ENCRYPTION_PREVIOUS_KEYS);
    static final List<Option<?>> CORS_OPTIONS = List.of(ALLOWED_ORIGIN, ALLOW_CREDENTIALS, EXPOSE_HEADERS, MAX_AGE,
            ALLOW_METHODS, ALLOW_HEADERS);
    static final List<Option<?>> POLICY_OPTIONS = List.of(POLICY_FILE, POLICY_DIRS, POLICY_DEFAULT_RULE,
            ENFORCE_SCOPE, ENFORCE_NEW_DEFAULTS);

    private SecurityOptions() {
    }

    static SecuritySettings from(ZaqarConfig config) {
        List<String> problems = new ArrayList<>();
        String strategy = ServerOptions.AUTH_STRATEGY.from(config);
        KeystoneSettings keystone = null;
        if (strategy.equals("keystone")) {
            keystone = KeystoneOptions.keystone(config, problems);
        } else if (!strategy.isEmpty() && !strategy.equals("noauth")) {
            problems.add("[DEFAULT] auth_strategy = '" + strategy + "' is not supported (use noauth or keystone)");
        }
        MessageEncryption encryption = null;
        ConfigSection transport = config.section(TRANSPORT);
        try {
            encryption = MessageEncryption.create(MESSAGE_ENCRYPTION_ALGORITHMS.from(transport),
                    MESSAGE_ENCRYPTION_KEY.from(transport),
                    MESSAGE_ENCRYPTION_PREVIOUS_KEYS.from(transport));
        } catch (ZaqarException e) {
            problems.add(e.getMessage());
        }
        CorsSettings cors = null;
        try {
            ConfigSection section = config.section(CORS);
            cors = new CorsSettings(ALLOWED_ORIGIN.from(section), ALLOW_CREDENTIALS.from(section),
                    EXPOSE_HEADERS.from(section), MAX_AGE.from(section), ALLOW_METHODS.from(section),
                    ALLOW_HEADERS.from(section));
        } catch (ZaqarException e) {
            problems.add(e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw ZaqarException.validation("zaqar.conf is invalid: " + String.join("; ", problems));
        }
        return new SecuritySettings(keystone, NotificationOptions.SECRET_KEY.from(config), policyFile(config), cors,
                encryption, policyDirectories(config), POLICY_DEFAULT_RULE.from(config));
    }

    /**
     * Keystone for subscriptions: trusts from {@code [trustee]} (none when its auth_url is empty,
     * as upstream then has no trustee) and the catalog seen by {@code [keystone_authtoken]}.
     */
    static IdentityService identity(ZaqarConfig config, SecuritySettings security, InstantSource clock) {
        TrusteeSettings trustee = KeystoneOptions.trustee(config);
        if (trustee == null && security.keystone() == null) {
            return IdentityService.NONE;
        }
        return new KeystoneIdentity(trustee, security.keystone(), clock);
    }

    /**
     * {@code [oslo_policy] policy_file}, looked up as oslo.policy does: by oslo.config's
     * {@code find_file}, and when the default "policy.yaml" is nowhere, an old "policy.json".
     * Null when there is none: upstream's default rules then apply.
     */
    static Path policyFile(ZaqarConfig config) {
        ConfigSection section = config.section(POLICY);
        String name = POLICY_FILE.from(section);
        Path found = ConfigFiles.find(name, config.files());
        if (found == null && !POLICY_FILE.isSet(section)) {
            found = ConfigFiles.find("policy.json", config.files());
        }
        if (found == null) {
            LOG.info("[oslo_policy] policy_file {} not found in {}; upstream's default rules apply", name,
                    ConfigFiles.searchPath(config.files()));
        }
        return found;
    }

    /**
     * {@code [oslo_policy] policy_dirs} (default {@code policy.d}), each found as oslo.config's
     * {@code find_file} finds it, as the policy file is; a directory found nowhere is left out, as
     * oslo.policy skips it.
     */
    static List<Path> policyDirectories(ZaqarConfig config) {
        return POLICY_DIRS.from(config).stream().map(name -> ConfigFiles.find(name, config.files()))
                .filter(found -> found != null && Files.isDirectory(found)).toList();
    }
}
