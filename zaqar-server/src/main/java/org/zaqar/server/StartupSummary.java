package org.zaqar.server;

import org.zaqar.api.SecuritySettings;

/**
 * The two start-up lines that say what this server will do, in a sentence each: what it serves
 * and where, and how it authenticates and authorizes. Every option's value is in
 * {@code --print-config}; these lines carry only what an operator checks at a glance.
 */
final class StartupSummary {
    private StartupSummary() {
    }

    static String serving(ServerOptions options) {
        boolean websocket = options.transport().equals(ServerOptions.WEBSOCKET);
        String address = websocket ? options.websocket().bind() + ":" + options.websocket().port()
                : options.bind() + ":" + options.port();
        return "Starting: " + options.transport() + " on " + address + ", message store " + options.messageStore()
                + ", management store " + options.managementStore() + (options.pooling() ? ", pooling" : "")
                + (options.adminMode() ? ", admin mode" : "");
    }

    static String security(ServerOptions options, SecuritySettings security) {
        return "Security: auth_strategy " + (security.keystone() != null ? "keystone"
                : options.authStrategy().isEmpty() ? "noauth (unset)" : options.authStrategy())
                + ", policy file " + (security.policyFile() == null ? "none (upstream's defaults)"
                : security.policyFile())
                + ", signed URLs " + (security.signedUrlSecretKey() == null ? "off" : "on")
                + ", CORS origins " + (security.cors().allowedOrigins().isEmpty() ? "none"
                : String.join(" ", security.cors().allowedOrigins()))
                + ", message encryption " + (security.messageEncryption() == null ? "off" : "on");
    }
}
