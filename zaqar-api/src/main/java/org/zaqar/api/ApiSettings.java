package org.zaqar.api;

import org.zaqar.core.config.TransportLimits;

/**
 * What the HTTP layer needs from zaqar.conf, already validated by the server.
 *
 * @param limits          the {@code [transport]} section
 * @param enableChecksum  {@code [DEFAULT] enable_checksum}: store and return an MD5 checksum per message
 * @param adminMode       {@code [DEFAULT] admin_mode}: serve the admin-only routes
 * @param authStrategy    {@code [DEFAULT] auth_strategy}: empty or "noauth" means no authentication
 */
public record ApiSettings(TransportLimits limits, boolean enableChecksum, boolean adminMode, String authStrategy) {

    public static ApiSettings defaults() {
        return new ApiSettings(TransportLimits.defaults(), false, false, "");
    }
}
