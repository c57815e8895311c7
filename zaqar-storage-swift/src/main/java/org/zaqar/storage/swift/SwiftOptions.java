package org.zaqar.storage.swift;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.zaqar.core.config.ConfigSection;
import org.zaqar.core.config.Option;
import org.zaqar.core.error.ZaqarException;

/**
 * The options of {@code [drivers:message_store:swift]}, with upstream's names and defaults
 * ({@code zaqar/conf/drivers_message_store_swift.py}). The user, password and project come from
 * {@code uri = swift://USER:PASSWORD@/PROJECT}, as upstream.
 *
 * <p>Keystone v3 (password) is used unless {@code auth_url} ends in {@code /auth/v1.0} (or
 * {@code /auth/v1}): then Swift's own v1.0 auth (tempauth, swauth) is asked with
 * {@code X-Auth-User: PROJECT:USER} and {@code X-Auth-Key: PASSWORD}, which is how tempauth
 * spells an account's user.
 */
record SwiftOptions(String user, String password, String project, URI authUrl, boolean tempAuth,
                    String projectDomainId, String projectDomainName, String userDomainId,
                    String userDomainName, String regionName, String interfaceName, boolean insecure) {
    static final String DEFAULT_URI = "swift://demo:nomoresecrete@/demo";
    static final String DEFAULT_AUTH_URL = "http://127.0.0.1:5000/v3/";
    private static final String SECTION = "drivers:message_store:swift";
    static final Option<String> URI_OPTION = Option.string(SECTION, "uri", DEFAULT_URI, "Custom URI describing the "
            + "swift connection: swift://USER:PASSWORD@/PROJECT.").secret();
    static final Option<String> AUTH_URL = Option.string(SECTION, "auth_url", DEFAULT_AUTH_URL, "URI of Keystone "
            + "endpoint to discover Swift. A URL ending in /auth/v1.0 asks Swift's own v1.0 auth (tempauth) "
            + "instead, with X-Auth-User PROJECT:USER.");
    static final Option<Boolean> INSECURE = Option.bool(SECTION, "insecure", false, "Don't check SSL certificate.");
    static final Option<String> PROJECT_DOMAIN_ID = Option.string(SECTION, "project_domain_id", "default",
            "Domain ID containing project.");
    static final Option<String> PROJECT_DOMAIN_NAME = Option.string(SECTION, "project_domain_name", null,
            "Domain name containing project.");
    static final Option<String> USER_DOMAIN_ID = Option.string(SECTION, "user_domain_id", "default",
            "User's domain id.");
    static final Option<String> USER_DOMAIN_NAME = Option.string(SECTION, "user_domain_name", null,
            "User's domain name.");
    static final Option<String> REGION_NAME = Option.string(SECTION, "region_name", null, "Region name.");
    static final Option<String> INTERFACE = Option.string(SECTION, "interface", "publicURL", "The default "
            + "interface for endpoint URL discovery.");
    static final List<Option<?>> OPTIONS = List.of(URI_OPTION, AUTH_URL, INSECURE, PROJECT_DOMAIN_ID,
            PROJECT_DOMAIN_NAME, USER_DOMAIN_ID, USER_DOMAIN_NAME, REGION_NAME, INTERFACE);

    /** Reads and validates the section, reporting every violation at once. */
    static SwiftOptions from(ConfigSection section) {
        List<String> problems = new ArrayList<>();
        String uriText = URI_OPTION.from(section);
        String user = null;
        String password = null;
        String project = null;
        // Parsed by hand: java.net.URI gives no user info for an authority with an empty host.
        // As upstream, a host between '@' and the path is ignored: auth_url finds Swift.
        int at = uriText.lastIndexOf('@');
        int colon = uriText.indexOf(':', "swift://".length());
        int slash = at < 0 ? -1 : uriText.indexOf('/', at);
        if (!uriText.regionMatches(true, 0, "swift://", 0, "swift://".length()) || at < 0 || colon < 0
                || colon > at || slash < 0 || slash == uriText.length() - 1) {
            problems.add("[" + section.name() + "] uri: '" + mask(uriText)
                    + "' is not of the form swift://USER:PASSWORD@/PROJECT");
        } else {
            user = decode(uriText.substring("swift://".length(), colon));
            password = decode(uriText.substring(colon + 1, at));
            project = decode(uriText.substring(slash + 1));
        }
        URI authUrl = null;
        String authText = AUTH_URL.from(section);
        try {
            authUrl = new URI(authText);
            if (authUrl.getScheme() == null || authUrl.getHost() == null
                    || !Set.of("http", "https").contains(authUrl.getScheme().toLowerCase(Locale.ROOT))) {
                problems.add("[" + section.name() + "] auth_url = " + authText + " is not an http(s) URL");
            }
        } catch (java.net.URISyntaxException e) {
            problems.add("[" + section.name() + "] auth_url: " + e.getMessage());
        }
        boolean insecure = false;
        try {
            insecure = INSECURE.from(section);
        } catch (ZaqarException e) {
            problems.add(e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw ZaqarException.validation(String.join("; ", problems));
        }
        String path = authUrl.getPath() == null ? "" : authUrl.getPath().replaceAll("/+$", "");
        boolean tempAuth = path.endsWith("/auth/v1.0") || path.endsWith("/auth/v1");
        return new SwiftOptions(user, password, project, authUrl, tempAuth,
                PROJECT_DOMAIN_ID.from(section), optional(section, PROJECT_DOMAIN_NAME),
                USER_DOMAIN_ID.from(section), optional(section, USER_DOMAIN_NAME),
                optional(section, REGION_NAME), INTERFACE.from(section), insecure);
    }

    /** An option without a default: unset or blank is null. */
    private static String optional(ConfigSection section, Option<String> option) {
        String value = option.from(section);
        return value == null || value.isEmpty() ? null : value;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    /** The uri with its password replaced, for error messages. */
    private static String mask(String uri) {
        return uri.replaceAll("(//[^:/@]*:)[^@]*@", "$1***@");
    }

    @Override
    public String toString() {
        return "SwiftOptions[user=" + user + ", password=***, project=" + project + ", authUrl=" + authUrl
                + ", tempAuth=" + tempAuth + "]";
    }
}
