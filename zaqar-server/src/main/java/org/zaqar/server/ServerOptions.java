package org.zaqar.server;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.zaqar.api.WebSocketSettings;
import org.zaqar.core.config.ConfigSection;
import org.zaqar.core.config.TransportLimits;
import org.zaqar.core.config.ZaqarConfig;
import org.zaqar.core.error.ZaqarException;

/**
 * The typed options the server reads from zaqar.conf, with upstream's section and option names.
 * Built once at start-up; every violation is reported at once.
 *
 * @param adminMode                    {@code [DEFAULT] admin_mode}
 * @param pooling                      {@code [DEFAULT] pooling}
 * @param unreliable                   {@code [DEFAULT] unreliable}
 * @param enableDeprecatedApiVersions  {@code [DEFAULT] enable_deprecated_api_versions} ("1", "1.1")
 * @param enableChecksum               {@code [DEFAULT] enable_checksum}
 * @param authStrategy                 {@code [DEFAULT] auth_strategy}; empty and "noauth" mean none, or "keystone"
 * @param transport                    {@code [drivers] transport}
 * @param messageStore                 {@code [drivers] message_store}
 * @param managementStore              {@code [drivers] management_store}
 * @param bind                         {@code [drivers:transport:wsgi] bind}
 * @param port                         {@code [drivers:transport:wsgi] port}
 * @param websocket                    the {@code [drivers:transport:websocket]} section
 * @param limits                       the {@code [transport]} section
 * @param signedUrlSecretKey           {@code [signed_url] secret_key}; a secret, never printed
 * @param console                      {@code [console] enabled}; on by default only when no config is read at all
 */
public record ServerOptions(
        boolean adminMode,
        boolean pooling,
        boolean unreliable,
        List<String> enableDeprecatedApiVersions,
        boolean enableChecksum,
        String authStrategy,
        String transport,
        String messageStore,
        String managementStore,
        String bind,
        int port,
        WebSocketSettings websocket,
        TransportLimits limits,
        String signedUrlSecretKey,
        boolean console) {

    /**
     * The embedded default store. Upstream defaults to {@code mongodb}; ours runs with nothing
     * installed, so an unset {@code message_store} means the SQL driver on a local SQLite file.
     */
    public static final String DEFAULT_STORE = "sqlalchemy";
    /** {@code [drivers] transport} values: the HTTP API, or the WebSocket API. */
    public static final String WSGI = "wsgi";
    public static final String WEBSOCKET = "websocket";
    /** The web console's section, this server's own: upstream has none. */
    static final String CONSOLE_SECTION = "console";

    public static ServerOptions from(ZaqarConfig config) {
        List<String> problems = new ArrayList<>();
        ConfigSection defaults = config.defaults();
        ConfigSection drivers = config.section("drivers");
        ConfigSection wsgi = config.section("drivers:transport:wsgi");

        String authStrategy = defaults.getString("auth_strategy", "").trim();
        if (!List.of("", "noauth", "keystone").contains(authStrategy)) {
            problems.add("[DEFAULT] auth_strategy = '" + authStrategy
                    + "' is not supported (use noauth or keystone)");
        }
        String transport = drivers.getString("transport", "wsgi").trim();
        if (!List.of(WSGI, WEBSOCKET).contains(transport)) {
            problems.add("[drivers] transport = '" + transport + "' is not supported (use wsgi or websocket)");
        }
        List<String> deprecatedVersions = list(defaults.getString("enable_deprecated_api_versions", ""));
        for (String version : deprecatedVersions) {
            if (!List.of("1", "1.1").contains(version)) {
                problems.add("[DEFAULT] enable_deprecated_api_versions: '" + version + "' must be 1 or 1.1");
            }
        }
        int port = port(wsgi, "port", 8888, problems);
        ConfigSection websocket = config.section("drivers:transport:websocket");
        int websocketPort = port(websocket, "port", 9000, problems);
        int notificationPort = port(websocket, "notification_port", 0, problems);
        Integer externalPort = websocket.getString("external_port", "").isBlank() ? null
                : port(websocket, "external_port", 0, problems);
        String notificationBind = websocket.getString("notification_bind", "").trim();
        TransportLimits limits = null;
        try {
            limits = TransportLimits.from(config.section(TransportLimits.SECTION));
        } catch (ZaqarException e) {
            problems.add(e.getMessage());
        }
        ServerOptions options = null;
        try {
            options = new ServerOptions(
                    defaults.getBoolean("admin_mode", false),
                    defaults.getBoolean("pooling", false),
                    defaults.getBoolean("unreliable", false),
                    deprecatedVersions,
                    defaults.getBoolean("enable_checksum", false),
                    authStrategy,
                    transport,
                    drivers.getString("message_store", DEFAULT_STORE).trim().toLowerCase(Locale.ROOT),
                    drivers.getString("management_store", DEFAULT_STORE).trim().toLowerCase(Locale.ROOT),
                    wsgi.getString("bind", "127.0.0.1").trim(),
                    port,
                    new WebSocketSettings(websocket.getString("bind", "127.0.0.1").trim(), websocketPort,
                            externalPort, notificationBind.isEmpty() ? null : notificationBind, notificationPort),
                    limits,
                    config.section("signed_url").getString("secret_key", null),
                    config.section(CONSOLE_SECTION).getBoolean("enabled", isQuickStart(config)));
        } catch (ZaqarException e) {
            problems.add(e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw ZaqarException.validation("zaqar.conf is invalid: " + String.join("; ", problems));
        }
        return options;
    }

    /**
     * The embedded quick start, a server given no config at all, shows its web console; a server
     * with a config file shows it only when the file says so.
     */
    private static boolean isQuickStart(ZaqarConfig config) {
        return config.files().isEmpty() && config.sections().isEmpty();
    }

    private static int port(ConfigSection section, String name, int defaultValue, List<String> problems) {
        int port = section.getInt(name, defaultValue);
        if (port < 0 || port > 65535) {
            problems.add("[" + section.name() + "] " + name + " = " + port + " is outside 0..65535");
        }
        return port;
    }

    /** oslo.config ListOpt: comma separated, blanks dropped. */
    static List<String> list(String raw) {
        return Arrays.stream(raw.split(","))
                .map(String::trim)
                .filter(item -> !item.isEmpty())
                .toList();
    }

    @Override
    public String toString() {
        return "ServerOptions[adminMode=" + adminMode + ", pooling=" + pooling + ", authStrategy='" + authStrategy
                + "', messageStore=" + messageStore + ", managementStore=" + managementStore
                + ", transport=" + transport + ", bind=" + bind + ", port=" + port + ", websocket=" + websocket + ", enableChecksum=" + enableChecksum
                + ", console=" + console
                + ", signedUrlSecretKey=" + (signedUrlSecretKey == null ? "unset" : "****") + "]";
    }
}
