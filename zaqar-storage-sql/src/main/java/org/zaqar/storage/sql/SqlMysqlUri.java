package org.zaqar.storage.sql;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MySQL or MariaDB URI as SQLAlchemy takes it, for MariaDB Connector/J:
 * {@code mysql://}, {@code mysql+pymysql://}, {@code mysql+mysqldb://}, {@code mariadb://} or
 * {@code mariadb+pymysql://}, then {@code user:password@host:port/database} and these query
 * parameters, as deployment tools write them:
 * <ul>
 * <li>{@code unix_socket=/path}: connect through that socket file instead of TCP;</li>
 * <li>{@code charset}: accepted; the connection and the tables always use utf8mb4;</li>
 * <li>{@code read_default_file} and {@code read_default_group}: user, password, host, port,
 *     database, socket, bind-address and ssl settings from a MySQL option file (see
 *     {@link SqlMysqlOptionFile}); what the URI itself says wins;</li>
 * <li>{@code ssl_ca}, {@code ssl_cert}, {@code ssl_key}, {@code ssl_check_hostname},
 *     {@code ssl_verify_cert} (PyMySQL's), {@code ssl=true} and {@code ssl_mode} (mysqlclient's): TLS,
 *     see {@link SqlMysqlTls};</li>
 * <li>{@code bind_address}: the local address to connect from.</li>
 * </ul>
 * Other parameters are ignored with a warning, as they may be meant for a Python driver.
 */
final class SqlMysqlUri {
    static final Set<String> SCHEMES = Set.of("mysql", "mariadb");
    static final String JDBC_PREFIX = "jdbc:mariadb://";
    /** Connector/J's property for a Unix socket file. */
    static final String SOCKET_PROPERTY = "localSocket";
    private static final Logger LOG = LoggerFactory.getLogger(SqlMysqlUri.class);
    private static final Set<String> KNOWN = Set.of("charset", "read_default_file", "read_default_group",
            "unix_socket", "bind_address", "ssl", "ssl_mode", "ssl_ca", "ssl_cert", "ssl_key", "ssl_check_hostname",
            "ssl_verify_cert");

    private SqlMysqlUri() {
    }

    /** {@code rest} is what follows {@code ://}. */
    static SqlUri parse(String uri, String rest) {
        Map<String, String> query = query(uri, rest);
        String location = SqlUri.stripQuery(rest);
        String user = null;
        String password = null;
        int at = location.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = location.substring(0, at);
            int colon = userInfo.indexOf(':');
            user = colon == 0 || userInfo.isEmpty() ? null
                    : SqlUri.decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? null : SqlUri.decode(userInfo.substring(colon + 1));
            location = location.substring(at + 1);
        }
        int slash = location.indexOf('/');
        String hostPort = slash < 0 ? location : location.substring(0, slash);
        String database = slash < 0 ? "" : SqlUri.decode(location.substring(slash + 1));

        Map<String, String> file = optionFile(query);
        user = first(user, file.get("user"));
        password = first(password, file.get("password"));
        database = first(database.isEmpty() ? null : database, file.get("database"));
        String host = hostPort.isEmpty() ? file.get("host") : host(hostPort);
        // As the MySQL client library: an option file's socket serves localhost only, so that a
        // [client] socket in /etc/my.cnf does not divert a URI that names a remote host.
        boolean local = host == null || host.equals("localhost");
        String socket = first(query.get("unix_socket"), local ? file.get("socket") : null);
        String port = hostPort.isEmpty() || port(hostPort) == null ? file.get("port") : port(hostPort);
        if (database == null) {
            throw SqlUri.invalid(uri, "it names no database (expected mysql+pymysql://user:password@host:port/database)");
        }
        if (host == null && socket == null) {
            throw SqlUri.invalid(uri, "it names neither a host nor a unix_socket"
                    + " (expected mysql+pymysql://user:password@host:port/database)");
        }
        if (port != null && !port.matches("[0-9]{1,5}")) {
            throw SqlUri.invalid(uri, "its port '" + port + "' is not a number");
        }
        warnAboutCharset(query.get("charset"));

        Map<String, String> properties = new LinkedHashMap<>();
        if (socket != null) {
            properties.put(SOCKET_PROPERTY, socket);
        }
        String bindAddress = first(query.get("bind_address"), file.get("bind-address"));
        if (bindAddress != null) {
            properties.put("localSocketAddress", bindAddress);
        }
        properties.putAll(SqlMysqlTls.properties(uri, query, file));
        String authority = (host == null ? "localhost" : host) + (port == null ? "" : ":" + port);
        return new SqlUri(SqlDialect.MYSQL, JDBC_PREFIX + authority + "/" + database, user, password, null,
                Map.copyOf(properties));
    }

    /** The query parameters, decoded; unknown ones are logged and dropped. */
    private static Map<String, String> query(String uri, String rest) {
        Map<String, String> query = new LinkedHashMap<>();
        int question = rest.indexOf('?');
        if (question < 0) {
            return query;
        }
        for (String pair : rest.substring(question + 1).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = SqlUri.decode(equals < 0 ? pair : pair.substring(0, equals)).toLowerCase(Locale.ROOT);
            String value = equals < 0 ? "" : SqlUri.decode(pair.substring(equals + 1));
            if (KNOWN.contains(name)) {
                query.put(name, value);
            } else {
                LOG.warn("ignoring the query parameter '{}' of the sqlalchemy uri {}: this server does not use it",
                        name, SqlUri.stripQuery(uri).contains("@") ? "(redacted)" : SqlUri.stripQuery(uri));
            }
        }
        return query;
    }

    private static Map<String, String> optionFile(Map<String, String> query) {
        String path = query.get("read_default_file");
        if (path == null) {
            if (query.containsKey("read_default_group")) {
                LOG.warn("the sqlalchemy uri has read_default_group without read_default_file; ignoring it");
            }
            return Map.of();
        }
        return SqlMysqlOptionFile.read(Path.of(path.replaceFirst("^~(?=/|$)", System.getProperty("user.home"))),
                query.getOrDefault("read_default_group", "client"));
    }

    private static void warnAboutCharset(String charset) {
        if (charset != null && !charset.equalsIgnoreCase("utf8") && !charset.equalsIgnoreCase("utf8mb4")) {
            LOG.warn("the sqlalchemy uri asks for charset={}; this server always talks and stores utf8mb4", charset);
        }
    }

    /** The host of {@code host}, {@code host:port}, {@code [v6]} or {@code [v6]:port}. */
    private static String host(String hostPort) {
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            return close < 0 ? hostPort : hostPort.substring(0, close + 1);
        }
        int colon = hostPort.indexOf(':');
        return colon < 0 ? hostPort : hostPort.substring(0, colon);
    }

    private static String port(String hostPort) {
        String host = host(hostPort);
        return hostPort.length() > host.length() + 1 ? hostPort.substring(host.length() + 1) : null;
    }

    private static String first(String preferred, String fallback) {
        return preferred != null ? preferred : fallback;
    }
}
