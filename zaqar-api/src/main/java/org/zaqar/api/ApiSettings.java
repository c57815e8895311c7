package org.zaqar.api;

import java.util.List;

import org.zaqar.core.config.TransportLimits;

/**
 * What the HTTP layer needs from zaqar.conf, already validated by the server.
 *
 * @param limits          the {@code [transport]} section
 * @param enableChecksum  {@code [DEFAULT] enable_checksum}: store and return an MD5 checksum per message
 * @param adminMode       {@code [DEFAULT] admin_mode}: serve the admin-only routes
 * @param authStrategy    {@code [DEFAULT] auth_strategy}: empty or "noauth" means no authentication
 * @param deprecatedApiVersions {@code [DEFAULT] enable_deprecated_api_versions}: "1", "1.1" or both
 * @param edge            read deadlines and the concurrency limit of {@code [drivers:transport:wsgi]}
 * @param console         {@code [console] enabled}: serve the web console at {@code /console/}
 */
public record ApiSettings(TransportLimits limits, boolean enableChecksum, boolean adminMode, String authStrategy,
                          List<String> deprecatedApiVersions, EdgeSettings edge, boolean console) {

    /** With the default read deadlines and concurrency limit, without the web console. */
    public ApiSettings(TransportLimits limits, boolean enableChecksum, boolean adminMode, String authStrategy,
                       List<String> deprecatedApiVersions) {
        this(limits, enableChecksum, adminMode, authStrategy, deprecatedApiVersions, EdgeSettings.defaults(), false);
    }

    /** Serves API v2 only. */
    public ApiSettings(TransportLimits limits, boolean enableChecksum, boolean adminMode, String authStrategy) {
        this(limits, enableChecksum, adminMode, authStrategy, List.of());
    }

    public ApiSettings {
        deprecatedApiVersions = List.copyOf(deprecatedApiVersions);
    }

    public ApiSettings withEdge(EdgeSettings settings) {
        return new ApiSettings(limits, enableChecksum, adminMode, authStrategy, deprecatedApiVersions, settings,
                console);
    }

    public ApiSettings withConsole(boolean enabled) {
        return new ApiSettings(limits, enableChecksum, adminMode, authStrategy, deprecatedApiVersions, edge, enabled);
    }

    public static ApiSettings defaults() {
        return new ApiSettings(TransportLimits.defaults(), false, false, "");
    }
}
