package org.zaqar.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.zaqar.api.EdgeSettings;
import org.zaqar.api.WebSocketSettings;
import org.zaqar.core.config.Option;
import org.zaqar.core.config.TransportLimits;
import org.zaqar.core.config.ZaqarConfig;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.core.storage.StorageContext;
import org.zaqar.notify.NotificationOptions;

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
 * @param edge                         {@code [drivers:transport:wsgi] client_header_timeout},
 *                                     {@code client_body_timeout} and {@code max_concurrent_requests}
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
        EdgeSettings edge,
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

    private static final String DEFAULT = ZaqarConfig.DEFAULT_SECTION;
    private static final String DRIVERS = "drivers";
    private static final String WSGI_SECTION = "drivers:transport:wsgi";
    private static final String WEBSOCKET_SECTION = "drivers:transport:websocket";

    static final Option<Boolean> ADMIN_MODE = Option.bool(DEFAULT, "admin_mode", false, "Activate privileged "
            + "endpoints (detailed /v2/health, pools, flavors).");
    static final Option<Boolean> POOLING = Option.bool(DEFAULT, "pooling", false, "Enable pooling across multiple "
            + "storage backends. If pooling is enabled, the storage driver configuration is used to determine where "
            + "the catalogue/control plane data is kept.").oldName("sharding");
    static final Option<Boolean> UNRELIABLE = StorageContext.UNRELIABLE;
    static final Option<List<String>> ENABLE_DEPRECATED_API_VERSIONS = Option.list(DEFAULT,
            "enable_deprecated_api_versions", List.of(), "List of deprecated API versions to enable (1, 1.1).");
    static final Option<Boolean> ENABLE_CHECKSUM = Option.bool(DEFAULT, "enable_checksum", false, "Enable a "
            + "checksum (MD5) for message bodies, returned as \"checksum\".");
    static final Option<String> AUTH_STRATEGY = Option.string(DEFAULT, "auth_strategy", "", "Backend to use for "
            + "authentication. For no auth, keep it empty (or noauth): clients then send X-Project-ID. Existing "
            + "strategies: keystone.");
    static final Option<String> TRANSPORT = Option.string(DRIVERS, "transport", WSGI, "Transport driver to use: "
            + "wsgi (the HTTP API on [drivers:transport:wsgi]) or websocket (the WebSocket API on "
            + "[drivers:transport:websocket] instead); run one server per transport to offer both.");
    static final Option<String> MESSAGE_STORE = Option.string(DRIVERS, "message_store", DEFAULT_STORE, "Storage "
            + "driver to use as the messaging store: sqlalchemy, redis or mongodb. Upstream defaults to mongodb; "
            + "this server defaults to sqlalchemy on a local SQLite file, so it runs with nothing installed.")
            .oldName("storage");
    static final Option<String> MANAGEMENT_STORE = Option.string(DRIVERS, "management_store", DEFAULT_STORE,
            "Storage driver to use as the management store (pools, flavors, catalog).");
    static final Option<String> BIND = Option.hostAddress(WSGI_SECTION, "bind", "127.0.0.1", "Address on which "
            + "the self-hosting server will listen; an IPv6 literal such as ::1 works too.");
    static final Option<Integer> PORT = Option.port(WSGI_SECTION, "port", 8888, "Port on which the self-hosting "
            + "server will listen.");
    static final Option<Integer> CLIENT_HEADER_TIMEOUT = Option.integer(WSGI_SECTION, "client_header_timeout",
            Math.toIntExact(EdgeSettings.DEFAULT_HEADER_TIMEOUT.toSeconds()), "Seconds a connection has to send a request line "
                    + "and its headers; a kept-alive connection waits this long for its next request. A slower "
                    + "connection is closed, so slow clients cannot hold connections forever. Not in upstream.");
    static final Option<Integer> CLIENT_BODY_TIMEOUT = Option.integer(WSGI_SECTION, "client_body_timeout",
            Math.toIntExact(EdgeSettings.DEFAULT_BODY_TIMEOUT.toSeconds()), "Seconds a request has to send its body once its "
                    + "headers arrived; also the longest a connection may stay silent. Not in upstream.");
    static final Option<Integer> MAX_CONCURRENT_REQUESTS = Option.integer(WSGI_SECTION, "max_concurrent_requests",
            EdgeSettings.DEFAULT_MAX_CONCURRENT_REQUESTS, "Requests served at once; beyond it a request is answered "
                    + "503 with Retry-After at once, so the admitted ones keep their latency under overload. 0 "
                    + "serves every request. Not in upstream.");
    static final Option<String> WEBSOCKET_BIND = Option.hostAddress(WEBSOCKET_SECTION, "bind", "127.0.0.1",
            "Address on which the self-hosting server will listen.");
    static final Option<Integer> WEBSOCKET_PORT = Option.port(WEBSOCKET_SECTION, "port", 9000, "Port on which the "
            + "self-hosting server will listen.");
    static final Option<Integer> EXTERNAL_PORT = Option.port(WEBSOCKET_SECTION, "external_port", null, "Port on "
            + "which the service is provided to the user. Accepted for compatibility; this server does not need it.");
    static final Option<String> NOTIFICATION_BIND = Option.hostAddress(WEBSOCKET_SECTION, "notification_bind", null,
            "Address on which the notification server will listen; unset means every interface, and subscriber "
                    + "URLs name this host's name.");
    static final Option<Integer> NOTIFICATION_PORT = Option.port(WEBSOCKET_SECTION, "notification_port", 0, "Port "
            + "on which the notification server will listen; 0 picks a free port.");
    static final Option<Boolean> CONSOLE_ENABLED = Option.bool("console", "enabled", false, "Serve the web console "
            + "at /console/ on the API's address: queues with live stats, messages, claims, subscriptions, topics "
            + "and, for admins, pools, flavors and health. Its pages need no authentication; its data comes from the "
            + "API, with the user's X-Project-ID, Keystone token or pre-signed URL. A server started with no config "
            + "file at all shows it by default. This section is this server's own; upstream has none.");
    static final Option<Boolean> ENABLE_VIRTUAL_POOL = Option.bool("pooling:catalog", "enable_virtual_pool", false,
            "If enabled, the message_store will be used as the storage for the virtual pool.");

    /** The options read here, in the order the sample config lists them. */
    static final List<Option<?>> OPTIONS = List.of(ADMIN_MODE, POOLING, UNRELIABLE, ENABLE_DEPRECATED_API_VERSIONS,
            ENABLE_CHECKSUM, AUTH_STRATEGY, TRANSPORT, MESSAGE_STORE, MANAGEMENT_STORE, BIND, PORT, CLIENT_HEADER_TIMEOUT,
            CLIENT_BODY_TIMEOUT, MAX_CONCURRENT_REQUESTS, WEBSOCKET_BIND,
            WEBSOCKET_PORT, EXTERNAL_PORT, NOTIFICATION_BIND, NOTIFICATION_PORT);

    public static ServerOptions from(ZaqarConfig config) {
        List<String> problems = new ArrayList<>();
        String authStrategy = AUTH_STRATEGY.from(config);
        if (!List.of("", "noauth", "keystone").contains(authStrategy)) {
            problems.add("[DEFAULT] auth_strategy = '" + authStrategy
                    + "' is not supported (use noauth or keystone)");
        }
        String transport = TRANSPORT.from(config);
        if (!List.of(WSGI, WEBSOCKET).contains(transport)) {
            problems.add("[drivers] transport = '" + transport + "' is not supported (use wsgi or websocket)");
        }
        List<String> deprecatedVersions = ENABLE_DEPRECATED_API_VERSIONS.from(config);
        for (String version : deprecatedVersions) {
            if (!List.of("1", "1.1").contains(version)) {
                problems.add("[DEFAULT] enable_deprecated_api_versions: '" + version + "' must be 1 or 1.1");
            }
        }
        Integer port = checked(PORT, config, problems);
        Integer websocketPort = checked(WEBSOCKET_PORT, config, problems);
        Integer notificationPort = checked(NOTIFICATION_PORT, config, problems);
        Integer externalPort = checked(EXTERNAL_PORT, config, problems);
        EdgeSettings edge = edge(config, problems);
        String notificationBind = NOTIFICATION_BIND.from(config);
        TransportLimits limits = null;
        try {
            limits = TransportLimits.from(config.section(TransportLimits.SECTION));
        } catch (ZaqarException e) {
            problems.add(e.getMessage());
        }
        Boolean adminMode = checked(ADMIN_MODE, config, problems);
        Boolean pooling = checked(POOLING, config, problems);
        Boolean unreliable = checked(UNRELIABLE, config, problems);
        Boolean enableChecksum = checked(ENABLE_CHECKSUM, config, problems);
        Boolean console = CONSOLE_ENABLED.isSet(config.section(CONSOLE_ENABLED.section()))
                ? checked(CONSOLE_ENABLED, config, problems) : Boolean.valueOf(isQuickStart(config));
        if (!problems.isEmpty()) {
            throw ZaqarException.validation("zaqar.conf is invalid: " + String.join("; ", problems));
        }
        return new ServerOptions(adminMode, pooling, unreliable, deprecatedVersions, enableChecksum, authStrategy,
                transport, MESSAGE_STORE.from(config).toLowerCase(Locale.ROOT),
                MANAGEMENT_STORE.from(config).toLowerCase(Locale.ROOT), BIND.from(config), port, edge,
                new WebSocketSettings(WEBSOCKET_BIND.from(config), websocketPort, externalPort,
                        notificationBind == null || notificationBind.isEmpty() ? null : notificationBind,
                        notificationPort),
                limits, NotificationOptions.SECRET_KEY.from(config), console);
    }

    /**
     * The embedded quick start, a server given no config at all, shows its web console; a server
     * with a config file shows it only when the file says so.
     */
    private static boolean isQuickStart(ZaqarConfig config) {
        return config.files().isEmpty() && config.sections().isEmpty();
    }

    private static EdgeSettings edge(ZaqarConfig config, List<String> problems) {
        Integer header = checked(CLIENT_HEADER_TIMEOUT, config, problems);
        Integer body = checked(CLIENT_BODY_TIMEOUT, config, problems);
        Integer concurrent = checked(MAX_CONCURRENT_REQUESTS, config, problems);
        if (header == null || body == null || concurrent == null) {
            return null;
        }
        try {
            return new EdgeSettings(Duration.ofSeconds(header), Duration.ofSeconds(body), concurrent);
        } catch (IllegalArgumentException e) {
            problems.add("[" + WSGI_SECTION + "] " + e.getMessage());
            return null;
        }
    }

    /** The value, or null with the problem noted, so that every bad option is reported at once. */
    private static <T> T checked(Option<T> option, ZaqarConfig config, List<String> problems) {
        try {
            return option.from(config);
        } catch (ZaqarException e) {
            problems.add(e.getMessage());
            return null;
        }
    }

    @Override
    public String toString() {
        return "ServerOptions[adminMode=" + adminMode + ", pooling=" + pooling + ", authStrategy='" + authStrategy
                + "', messageStore=" + messageStore + ", managementStore=" + managementStore
                + ", transport=" + transport + ", bind=" + bind + ", port=" + port + ", edge=" + edge
                + ", websocket=" + websocket + ", enableChecksum=" + enableChecksum + ", console=" + console
                + ", signedUrlSecretKey=" + (signedUrlSecretKey == null ? "unset" : "****") + "]";
    }
}
