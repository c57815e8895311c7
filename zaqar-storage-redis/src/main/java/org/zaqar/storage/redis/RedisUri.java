package org.zaqar.storage.redis;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.zaqar.core.error.ZaqarException;

/**
 * A parsed Redis URI in the forms upstream Zaqar documents for its redis driver:
 * <ul>
 *   <li>{@code redis://host[:port][?options]}, {@code redis://:password@host[:port][?options]} (as TripleO
 *       writes it, often with a trailing {@code /}) and {@code redis://user:password@host} (a Redis ACL user,
 *       as upstream reads it since 2024)</li>
 *   <li>Sentinel: {@code redis://[[user]:password@]sentinel1[:port1],sentinel2[:port2][?master=NAME&options]}</li>
 *   <li>Unix socket: {@code redis:/path/to/redis.sock[?options]} and {@code redis:[:password]@/path/to/redis.sock}</li>
 * </ul>
 * Options: {@code socket_timeout} (seconds), {@code dbid} (database number), {@code master}
 * (Sentinel master name), {@code sentinel_username} and {@code sentinel_password} (the Sentinels'
 * own credentials; the user and password before the host are the master's). A path after the
 * host is ignored, as upstream does. {@link #toString()} never shows a password.
 *
 * @param strategy      how to connect
 * @param host          TCP host, null for the other strategies
 * @param port          TCP port (6379 when omitted), 0 for the other strategies
 * @param sentinels     Sentinel hosts (port 26379 when omitted), empty for the other strategies
 * @param master        the Sentinel master name, null for the other strategies
 * @param socketPath    the unix socket path, null for the other strategies
 * @param password      the password, or null
 * @param user          the ACL user name, or null for the default user
 * @param socketTimeoutMillis the socket timeout from {@code socket_timeout}, or -1 when not given
 * @param database      the database from {@code dbid}, or -1 when not given
 * @param sentinelUser  {@code sentinel_username}, or null
 * @param sentinelPassword {@code sentinel_password}, or null
 */
public record RedisUri(Strategy strategy, String host, int port, List<HostPort> sentinels, String master,
                       String socketPath, String password, String user, int socketTimeoutMillis, int database,
                       String sentinelUser, String sentinelPassword) {
    public static final int DEFAULT_PORT = 6379;
    public static final int DEFAULT_SENTINEL_PORT = 26379;

    public enum Strategy { TCP, UNIX, SENTINEL }

    public record HostPort(String host, int port) {
        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    public RedisUri {
        sentinels = List.copyOf(sentinels);
    }

    public static RedisUri parse(String uri) {
        if (uri == null || uri.isBlank()) {
            throw invalid(uri, "it is empty");
        }
        String text = uri.strip();
        if (!text.toLowerCase(Locale.ROOT).startsWith("redis:")) {
            throw invalid(text, "the scheme must be 'redis'");
        }
        String rest = text.substring("redis:".length());
        String query = "";
        int questionMark = rest.indexOf('?');
        if (questionMark >= 0) {
            query = rest.substring(questionMark + 1);
            rest = rest.substring(0, questionMark);
        }
        Map<String, String> options = parseQuery(text, query);
        int socketTimeoutMillis = -1;
        if (options.containsKey("socket_timeout")) {
            socketTimeoutMillis = parseTimeout(text, options.get("socket_timeout"));
        }
        int database = -1;
        if (options.containsKey("dbid")) {
            database = parseNumber(text, "dbid", options.get("dbid"));
        }
        String sentinelUser = emptyToNull(options.get("sentinel_username"));
        String sentinelPassword = emptyToNull(options.get("sentinel_password"));

        if (!rest.startsWith("//")) {
            // unix socket: redis:/path or redis::password@/path
            UserInfo credentials = UserInfo.NONE;
            int at = rest.lastIndexOf('@');
            if (at >= 0) {
                credentials = userInfo(text, rest.substring(0, at));
                rest = rest.substring(at + 1);
            }
            if (rest.isEmpty()) {
                throw invalid(text, "the unix socket path is missing");
            }
            return new RedisUri(Strategy.UNIX, null, 0, List.of(), null, decode(rest), credentials.password(),
                    credentials.user(), socketTimeoutMillis, database, null, null);
        }

        String authority = rest.substring(2);
        int slash = authority.indexOf('/');
        if (slash >= 0) {
            authority = authority.substring(0, slash);
        }
        UserInfo credentials = UserInfo.NONE;
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            credentials = userInfo(text, authority.substring(0, at));
            authority = authority.substring(at + 1);
        }
        if (options.containsKey("master")) {
            String master = options.get("master");
            if (master.isBlank()) {
                throw invalid(text, "the master option is empty");
            }
            List<HostPort> sentinels = new ArrayList<>();
            for (String entry : authority.split(",")) {
                if (!entry.isBlank()) {
                    sentinels.add(hostPort(text, entry.strip(), DEFAULT_SENTINEL_PORT));
                }
            }
            if (sentinels.isEmpty()) {
                throw invalid(text, "it names no sentinel hosts");
            }
            return new RedisUri(Strategy.SENTINEL, null, 0, sentinels, master, null, credentials.password(),
                    credentials.user(), socketTimeoutMillis, database, sentinelUser, sentinelPassword);
        }
        if (authority.contains(",")) {
            throw invalid(text, "it lists several hosts, as for Sentinel, but has no 'master' option;"
                    + " add ?master=<name of the master in the Sentinel configuration>");
        }
        if (authority.isBlank()) {
            throw invalid(text, "the host name is missing");
        }
        HostPort hostPort = hostPort(text, authority, DEFAULT_PORT);
        return new RedisUri(Strategy.TCP, hostPort.host(), hostPort.port(), List.of(), null, null,
                credentials.password(), credentials.user(), socketTimeoutMillis, database, null, null);
    }

    private record UserInfo(String user, String password) {
        static final UserInfo NONE = new UserInfo(null, null);
    }

    /**
     * {@code :password} or {@code user:password}, read as URL user info (as upstream master reads
     * it). A user without a password is refused, as upstream does.
     */
    private static UserInfo userInfo(String uri, String text) {
        int colon = text.indexOf(':');
        String user = emptyToNull(decode(colon < 0 ? text : text.substring(0, colon)));
        String password = colon < 0 ? null : emptyToNull(decode(text.substring(colon + 1)));
        if (user != null && password == null) {
            throw invalid(uri, "it names the user '" + user + "' without a password");
        }
        return new UserInfo(user, password);
    }

    private static String emptyToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    private static HostPort hostPort(String uri, String entry, int defaultPort) {
        String host = entry;
        int port = defaultPort;
        int colon = entry.lastIndexOf(':');
        if (entry.startsWith("[")) {
            int close = entry.indexOf(']');
            if (close < 0) {
                throw invalid(uri, "the IPv6 address '" + entry + "' lacks its closing ']'");
            }
            host = entry.substring(1, close);
            colon = entry.indexOf(':', close);
        }
        if (colon >= 0) {
            if (!entry.startsWith("[")) {
                host = entry.substring(0, colon);
            }
            String portText = entry.substring(colon + 1);
            port = parseNumber(uri, "port", portText);
            if (port < 1 || port > 65535) {
                throw invalid(uri, "the port " + port + " is outside 1..65535");
            }
        }
        if (host.isBlank()) {
            throw invalid(uri, "the host name is missing in '" + entry + "'");
        }
        return new HostPort(host, port);
    }

    private static Map<String, String> parseQuery(String uri, String query) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw invalid(uri, "the option '" + pair + "' has no value");
            }
            options.put(decode(pair.substring(0, equals)), decode(pair.substring(equals + 1)));
        }
        return options;
    }

    private static int parseTimeout(String uri, String value) {
        try {
            double seconds = Double.parseDouble(value);
            if (!(seconds > 0) || seconds > 3600) {
                throw invalid(uri, "socket_timeout " + value + " must be above 0 and at most 3600 seconds");
            }
            return (int) Math.max(1, Math.round(seconds * 1000));
        } catch (NumberFormatException e) {
            throw invalid(uri, "socket_timeout '" + value + "' is not a number of seconds");
        }
    }

    private static int parseNumber(String uri, String what, String value) {
        try {
            int number = Integer.parseInt(value);
            if (number < 0) {
                throw invalid(uri, what + " " + number + " is negative");
            }
            return number;
        } catch (NumberFormatException e) {
            throw invalid(uri, what + " '" + value + "' is not a number");
        }
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** Never names the password: the message may be logged or shown to an operator. */
    private static ZaqarException invalid(String uri, String reason) {
        return ZaqarException.validation("Redis URI '" + mask(uri) + "' is invalid: " + reason);
    }

    /** The URI with any password replaced by "***". */
    static String mask(String uri) {
        if (uri == null) {
            return "";
        }
        uri = uri.replaceAll("([?&]sentinel_password=)[^&]*", "$1***");
        int at = uri.lastIndexOf('@', uri.indexOf('?') >= 0 ? uri.indexOf('?') : uri.length());
        if (at < 0) {
            return uri;
        }
        int start = uri.startsWith("redis://") ? "redis://".length() : "redis:".length();
        if (at < start) {
            return uri;
        }
        return uri.substring(0, start) + ":***" + uri.substring(at);
    }

    @Override
    public String toString() {
        String auth = password == null ? "" : (user == null ? "" : user) + ":***@";
        List<String> shown = new ArrayList<>();
        if (socketTimeoutMillis >= 0) {
            shown.add("socket_timeout=" + socketTimeoutMillis / 1000.0);
        }
        if (database >= 0) {
            shown.add("dbid=" + database);
        }
        if (sentinelUser != null) {
            shown.add("sentinel_username=" + sentinelUser);
        }
        if (sentinelPassword != null) {
            shown.add("sentinel_password=***");
        }
        String options = String.join("&", shown);
        return switch (strategy) {
            case TCP -> "redis://" + auth + (host.contains(":") ? "[" + host + "]" : host) + ":" + port
                    + (options.isEmpty() ? "" : "?" + options);
            case UNIX -> "redis:" + auth + socketPath + (options.isEmpty() ? "" : "?" + options);
            case SENTINEL -> "redis://" + auth + String.join(",", sentinels.stream().map(HostPort::toString).toList())
                    + "?master=" + master + (options.isEmpty() ? "" : "&" + options);
        };
    }
}
