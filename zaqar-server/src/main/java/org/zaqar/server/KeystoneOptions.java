package org.zaqar.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zaqar.api.KeystoneSettings;
import org.zaqar.api.KeystoneTls;
import org.zaqar.api.TrusteeSettings;
import org.zaqar.core.config.ConfigSection;
import org.zaqar.core.config.Option;
import org.zaqar.core.config.ZaqarConfig;
import org.zaqar.core.error.ZaqarException;

/**
 * {@code [keystone_authtoken]} (keystonemiddleware's option names), read when
 * {@code auth_strategy = keystone}, and {@code [trustee]} (keystoneauth's password options), the
 * user that trust+http(s) subscriptions trust.
 */
final class KeystoneOptions {
    private static final Logger LOG = LoggerFactory.getLogger(KeystoneOptions.class);
    private static final String KEYSTONE = "keystone_authtoken";
    private static final String TRUSTEE = "trustee";

    static final Option<String> WWW_AUTHENTICATE_URI = Option.string(KEYSTONE, "www_authenticate_uri", null,
            "keystonemiddleware's option names, used when [DEFAULT] auth_strategy = keystone. Named in the "
                    + "WWW-Authenticate header of a 401; auth_url when unset.").oldName("auth_uri");
    static final Option<String> AUTH_URL = Option.string(KEYSTONE, "auth_url", null, "Keystone endpoint the "
            + "tokens are validated at (with or without /v3).");
    static final Option<String> AUTH_TYPE = Option.string(KEYSTONE, "auth_type", "password", "Only password "
            + "authentication of the service user.");
    static final Option<String> USERNAME = Option.string(KEYSTONE, "username", null, "The service user.");
    static final Option<String> PASSWORD = Option.string(KEYSTONE, "password", null, "The service user's "
            + "password.").secret();
    static final Option<String> PROJECT_NAME = Option.string(KEYSTONE, "project_name", null, "The service user's "
            + "project.");
    static final Option<String> USER_DOMAIN_NAME = Option.string(KEYSTONE, "user_domain_name", "Default",
            "The service user's domain.");
    static final Option<String> PROJECT_DOMAIN_NAME = Option.string(KEYSTONE, "project_domain_name", "Default",
            "The service project's domain.");
    static final Option<Integer> TOKEN_CACHE_TIME = Option.integer(KEYSTONE, "token_cache_time", 300, "Seconds a "
            + "validated token is trusted without asking Keystone again (never past its expiry).");
    static final Option<Integer> HTTP_CONNECT_TIMEOUT = Option.integer(KEYSTONE, "http_connect_timeout", 10,
            "Seconds to wait for Keystone; when it cannot answer, requests get 503.");
    static final Option<List<String>> MEMCACHED_SERVERS = Option.list(KEYSTONE, "memcached_servers", List.of(),
            "Ignored with a warning: validated tokens are cached in memory, bounded.");

    static final Option<String> TRUSTEE_AUTH_TYPE = Option.string(TRUSTEE, "auth_type", null, "Authentication "
            + "type to load (keystoneauth's names, as upstream): only password. The user trust+http(s) "
            + "subscriptions trust, and that gets trust-scoped tokens to notify them; empty auth_url: trust+ "
            + "subscribers cannot be used.");
    static final Option<String> TRUSTEE_AUTH_URL = Option.string(TRUSTEE, "auth_url", null, "Authentication URL "
            + "(Keystone, with or without /v3).");
    static final Option<String> TRUSTEE_USER_ID = Option.string(TRUSTEE, "user_id", null, "User id.");
    static final Option<String> TRUSTEE_USERNAME = Option.string(TRUSTEE, "username", null, "Username.");
    static final Option<String> TRUSTEE_USER_DOMAIN_ID = Option.string(TRUSTEE, "user_domain_id", null,
            "User's domain id.");
    static final Option<String> TRUSTEE_USER_DOMAIN_NAME = Option.string(TRUSTEE, "user_domain_name", null,
            "User's domain name.");
    static final Option<String> TRUSTEE_PASSWORD = Option.string(TRUSTEE, "password", null, "User's password.")
            .secret();
    static final Option<String> TRUSTEE_PROJECT_ID = Option.string(TRUSTEE, "project_id", null, "Project ID to "
            + "scope to.");
    static final Option<String> TRUSTEE_PROJECT_NAME = Option.string(TRUSTEE, "project_name", null, "Project name "
            + "to scope to.");
    static final Option<String> TRUSTEE_PROJECT_DOMAIN_ID = Option.string(TRUSTEE, "project_domain_id", null,
            "Domain ID containing project.");
    static final Option<String> TRUSTEE_PROJECT_DOMAIN_NAME = Option.string(TRUSTEE, "project_domain_name", null,
            "Domain name containing project.");
    static final Option<Integer> TRUSTEE_TIMEOUT = Option.integer(TRUSTEE, "timeout", null, "Timeout value for "
            + "http requests (seconds; 10 when not set).");

    // keystoneauth's session TLS options, the same in each section that talks to Keystone
    static final Option<String> CAFILE = Option.string(KEYSTONE, "cafile", null, "PEM encoded Certificate "
            + "Authority to use when verifying Keystone's HTTPS certificate (only these CAs are trusted). Defaults "
            + "to the JVM's CAs.");
    static final Option<String> CERTFILE = Option.string(KEYSTONE, "certfile", null, "PEM encoded client "
            + "certificate, for a Keystone that requires one; may also hold the key.");
    static final Option<String> KEYFILE = Option.string(KEYSTONE, "keyfile", null, "PEM encoded private key of "
            + "certfile (PKCS#8, or PKCS#1 RSA).");
    static final Option<Boolean> INSECURE = Option.bool(KEYSTONE, "insecure", false, "If true, Keystone's HTTPS "
            + "certificate and host name are not verified (a warning at start).");

    /** Both sections' options, in the order the sample config lists them. */
    static final List<Option<?>> OPTIONS = List.of(WWW_AUTHENTICATE_URI, AUTH_URL, AUTH_TYPE, USERNAME, PASSWORD,
            PROJECT_NAME, USER_DOMAIN_NAME, PROJECT_DOMAIN_NAME, TOKEN_CACHE_TIME, HTTP_CONNECT_TIMEOUT,
            MEMCACHED_SERVERS, CAFILE, CERTFILE, KEYFILE, INSECURE, TRUSTEE_AUTH_TYPE, TRUSTEE_AUTH_URL,
            TRUSTEE_USER_ID, TRUSTEE_USERNAME, TRUSTEE_USER_DOMAIN_ID, TRUSTEE_USER_DOMAIN_NAME, TRUSTEE_PASSWORD,
            TRUSTEE_PROJECT_ID, TRUSTEE_PROJECT_NAME, TRUSTEE_PROJECT_DOMAIN_ID, TRUSTEE_PROJECT_DOMAIN_NAME,
            TRUSTEE_TIMEOUT, CAFILE.inSection(TRUSTEE), CERTFILE.inSection(TRUSTEE), KEYFILE.inSection(TRUSTEE),
            INSECURE.inSection(TRUSTEE));

    private KeystoneOptions() {
    }

    /** {@code [keystone_authtoken]}, adding what is wrong to {@code problems}. */
    static KeystoneSettings keystone(ZaqarConfig config, List<String> problems) {
        ConfigSection section = config.section(KEYSTONE);
        String authUrl = optional(section, AUTH_URL);
        if (authUrl == null) {
            problems.add("[keystone_authtoken] auth_url is required when auth_strategy = keystone");
        }
        for (Option<String> required : List.of(USERNAME, PASSWORD, PROJECT_NAME)) {
            if (optional(section, required) == null) {
                problems.add("[keystone_authtoken] " + required.name() + " is required when auth_strategy = keystone");
            }
        }
        if (!MEMCACHED_SERVERS.from(section).isEmpty()) {
            LOG.warn("[keystone_authtoken] memcached_servers is ignored: validated tokens are cached in memory");
        }
        String authType = AUTH_TYPE.from(section);
        if (!authType.equals("password")) {
            problems.add("[keystone_authtoken] auth_type = '" + authType + "' is not supported (only password)");
        }
        int cacheTime = TOKEN_CACHE_TIME.defaultValue();
        int timeout = HTTP_CONNECT_TIMEOUT.defaultValue();
        try {
            cacheTime = TOKEN_CACHE_TIME.from(section);
            timeout = HTTP_CONNECT_TIMEOUT.from(section);
        } catch (ZaqarException e) {
            problems.add(e.getMessage());
        }
        String www = optional(section, WWW_AUTHENTICATE_URI);
        KeystoneTls tls = KeystoneTls.DEFAULT;
        try {
            tls = tls(section, authUrl);
        } catch (ZaqarException e) {
            problems.add(e.getMessage());
        }
        return new KeystoneSettings(www == null ? authUrl : www, authUrl, USERNAME.from(section),
                PASSWORD.from(section), PROJECT_NAME.from(section), USER_DOMAIN_NAME.from(section),
                PROJECT_DOMAIN_NAME.from(section), Duration.ofSeconds(Math.max(0, cacheTime)),
                Duration.ofSeconds(Math.max(1, timeout)), tls);
    }

    /**
     * {@code [trustee]}, or null when its auth_url is empty (upstream then has no trustee) or when
     * credentials are missing: upstream starts on such a file and fails only when it notifies a
     * trust+ subscriber, so that is a warning here. A bad value (auth_type, timeout) stops the start.
     */
    static TrusteeSettings trustee(ZaqarConfig config) {
        ConfigSection section = config.section(TRUSTEE);
        String authUrl = optional(section, TRUSTEE_AUTH_URL);
        if (authUrl == null) {
            return null;
        }
        List<String> problems = new ArrayList<>();
        String authType = optional(section, TRUSTEE_AUTH_TYPE);
        if (authType != null && !authType.equals("password")) {
            problems.add("[trustee] auth_type = '" + authType + "' is not supported (only password)");
        }
        Integer timeout = null;
        KeystoneTls tls = KeystoneTls.DEFAULT;
        try {
            timeout = TRUSTEE_TIMEOUT.from(section);
            tls = tls(section, authUrl);
        } catch (ZaqarException e) {
            problems.add(e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw ZaqarException.validation("zaqar.conf is invalid: " + String.join("; ", problems));
        }
        List<String> missing = new ArrayList<>();
        String userId = optional(section, TRUSTEE_USER_ID);
        String username = optional(section, TRUSTEE_USERNAME);
        if (userId == null && username == null) {
            missing.add("[trustee] user_id or username is required with auth_url");
        }
        if (userId == null && username != null && optional(section, TRUSTEE_USER_DOMAIN_ID) == null
                && optional(section, TRUSTEE_USER_DOMAIN_NAME) == null) {
            missing.add("[trustee] user_domain_id or user_domain_name is required with username");
        }
        if (optional(section, TRUSTEE_PASSWORD) == null) {
            missing.add("[trustee] password is required with auth_url");
        }
        if (!missing.isEmpty()) {
            LOG.warn("trust+http(s) subscribers cannot be notified: {}", String.join("; ", missing));
            return null;
        }
        return new TrusteeSettings(authUrl, userId, username, optional(section, TRUSTEE_USER_DOMAIN_ID),
                optional(section, TRUSTEE_USER_DOMAIN_NAME), optional(section, TRUSTEE_PASSWORD),
                optional(section, TRUSTEE_PROJECT_ID), optional(section, TRUSTEE_PROJECT_NAME),
                optional(section, TRUSTEE_PROJECT_DOMAIN_ID), optional(section, TRUSTEE_PROJECT_DOMAIN_NAME),
                Duration.ofSeconds(Math.max(1, timeout == null ? 10 : timeout)), tls);
    }

    /**
     * keystoneauth's session TLS options of a section ({@code cafile}, {@code certfile},
     * {@code keyfile}, {@code insecure}), read once; insecure is worth a warning at every start.
     * They are read only for an https {@code auth_url}: devstack writes a {@code cafile} that may not
     * exist beside a plain-HTTP Keystone, and upstream starts on that file, as it opens the file only
     * for an HTTPS request.
     */
    private static KeystoneTls tls(ConfigSection section, String authUrl) {
        if (authUrl == null || !authUrl.regionMatches(true, 0, "https:", 0, 6)) {
            return KeystoneTls.DEFAULT;
        }
        boolean insecure = INSECURE.from(section);
        if (insecure) {
            LOG.warn("[{}] insecure = true: Keystone's TLS certificate and host name are not verified", section.name());
        }
        return KeystoneTls.load(section.name(), path(section, CAFILE), path(section, CERTFILE),
                path(section, KEYFILE), insecure);
    }

    private static Path path(ConfigSection section, Option<String> option) {
        String value = optional(section, option);
        return value == null ? null : Path.of(value);
    }

    /** An option's value, or null when it is not set or empty. */
    private static String optional(ConfigSection section, Option<String> option) {
        String value = option.from(section);
        return value == null || value.isEmpty() ? null : value;
    }
}
