package org.zaqar.storage.sql;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import org.zaqar.core.error.ZaqarException;

/**
 * The driver's {@code uri} option, in SQLAlchemy's form, translated to JDBC. Accepted forms:
 * {@code sqlite:///relative/path}, {@code sqlite:////absolute/path},
 * {@code postgresql://user:password@host:port/database} and {@code postgresql+DRIVER://...}
 * (the Python driver name is ignored), and MySQL or MariaDB as {@link SqlMysqlUri} describes.
 * In-memory SQLite ({@code sqlite://}) is rejected: every pooled connection would get its own
 * empty database.
 *
 * @param dialect    which database
 * @param jdbcUrl    the JDBC URL, without credentials
 * @param user       user name, or null
 * @param password   password, or null; never part of {@link #toString()}
 * @param sqliteFile the database file for SQLite, null otherwise
 * @param properties JDBC driver properties besides the credentials; may hold secrets, so never logged
 */
public record SqlUri(SqlDialect dialect, String jdbcUrl, String user, String password, Path sqliteFile,
                     Map<String, String> properties) {
    public static final String DEFAULT = "sqlite:///data/zaqar.db";

    public static SqlUri parse(String uri) {
        int schemeEnd = uri.indexOf("://");
        if (schemeEnd < 0) {
            throw invalid(uri, "it has no scheme (expected sqlite:///path, postgresql://user:password@host/db"
                    + " or mysql+pymysql://user:password@host/db)");
        }
        String scheme = uri.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        String rest = uri.substring(schemeEnd + 3);
        if (scheme.equals("sqlite")) {
            return sqlite(uri, rest);
        }
        if (scheme.equals("postgresql") || scheme.startsWith("postgresql+")) {
            return postgresql(uri, rest);
        }
        if (SqlMysqlUri.SCHEMES.contains(scheme.replaceFirst("\\+.*", ""))) {
            return SqlMysqlUri.parse(uri, rest);
        }
        throw invalid(uri, "the database '" + scheme + "' is not supported (use sqlite, postgresql or mysql)");
    }

    private static SqlUri sqlite(String uri, String rest) {
        String location = stripQuery(rest);
        if (location.isEmpty() || location.equals("/:memory:")) {
            throw invalid(uri, "in-memory SQLite is not supported; name a file, e.g. " + DEFAULT);
        }
        if (!location.startsWith("/")) {
            throw invalid(uri, "SQLite needs three slashes before a relative path and four before an absolute one");
        }
        // sqlite:///relative has rest "/relative"; sqlite:////absolute has rest "//absolute".
        Path file = Path.of(location.substring(1)).toAbsolutePath().normalize();
        return new SqlUri(SqlDialect.SQLITE, "jdbc:sqlite:" + file, null, null, file, Map.of());
    }

    private static SqlUri postgresql(String uri, String rest) {
        int at = rest.lastIndexOf('@');
        String user = null;
        String password = null;
        if (at >= 0) {
            String userInfo = rest.substring(0, at);
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
            rest = rest.substring(at + 1);
        }
        int slash = rest.indexOf('/');
        String hostPort = slash < 0 ? rest : rest.substring(0, slash);
        String databaseAndQuery = slash < 0 ? "" : rest.substring(slash + 1);
        if (hostPort.isEmpty()) {
            throw invalid(uri, "it names no host (expected postgresql://user:password@host:port/database)");
        }
        if (stripQuery(databaseAndQuery).isEmpty()) {
            throw invalid(uri, "it names no database (expected postgresql://user:password@host:port/database)");
        }
        return new SqlUri(SqlDialect.POSTGRESQL, "jdbc:postgresql://" + hostPort + "/" + databaseAndQuery,
                user, password, null, Map.of());
    }

    static String stripQuery(String text) {
        int question = text.indexOf('?');
        return question < 0 ? text : text.substring(0, question);
    }

    static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The URI as safe to log: the password, if any, is masked. */
    public String redacted() {
        if (dialect == SqlDialect.SQLITE) {
            return "sqlite:///" + sqliteFile;
        }
        String credentials = user == null ? "" : user + (password == null ? "" : ":***") + "@";
        if (dialect == SqlDialect.MYSQL) {
            String socket = properties.get(SqlMysqlUri.SOCKET_PROPERTY);
            return "mysql://" + credentials + jdbcUrl.substring(SqlMysqlUri.JDBC_PREFIX.length())
                    + (socket == null ? "" : "?unix_socket=" + socket);
        }
        return "postgresql://" + credentials + jdbcUrl.substring("jdbc:postgresql://".length());
    }

    @Override
    public String toString() {
        return redacted();
    }

    static ZaqarException invalid(String uri, String reason) {
        // The rejected text may hold a password, so it is never echoed back.
        String shown = uri.contains("@") ? "(redacted)" : "'" + uri + "'";
        return ZaqarException.validation("the sqlalchemy uri " + shown + " is not valid: " + reason);
    }
}
