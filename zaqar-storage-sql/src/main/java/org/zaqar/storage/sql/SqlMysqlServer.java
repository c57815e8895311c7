package org.zaqar.storage.sql;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.zaqar.core.error.ZaqarException;

/** Which MySQL and MariaDB servers the driver accepts: those with {@code SELECT ... FOR UPDATE SKIP LOCKED}. */
final class SqlMysqlServer {
    private static final Pattern VERSION = Pattern.compile("^(\\d+)\\.(\\d+)\\.(\\d+)");
    private static final int[] MYSQL_MINIMUM = {8, 0, 1};
    private static final int[] MARIADB_MINIMUM = {10, 6, 0};

    private SqlMysqlServer() {
    }

    /**
     * Fails unless {@code version} (as the server reports it, e.g. {@code 10.11.6-MariaDB-0+deb12u1}
     * or {@code 8.0.36}) is MariaDB 10.6+ or MySQL 8.0.1+.
     *
     * @throws ZaqarException STORAGE_UNAVAILABLE naming the version found and the one needed
     */
    static void requireSupported(String version, String redactedUri) {
        boolean mariadb = version.contains("MariaDB");
        int[] minimum = mariadb ? MARIADB_MINIMUM : MYSQL_MINIMUM;
        // MariaDB before 11 may announce itself as "5.5.5-10.6.12-MariaDB", for old replication clients.
        Matcher matcher = VERSION.matcher(mariadb ? version.replaceFirst("^5\\.5\\.5-", "") : version);
        boolean supported = matcher.find() && compare(new int[] {Integer.parseInt(matcher.group(1)),
                Integer.parseInt(matcher.group(2)), Integer.parseInt(matcher.group(3))}, minimum) >= 0;
        if (!supported) {
            throw ZaqarException.unavailable((mariadb ? "MariaDB " : "MySQL ") + version + " at " + redactedUri
                    + " is too old: the sqlalchemy driver needs MariaDB 10.6 or MySQL 8.0.1 or later"
                    + " (for SELECT ... FOR UPDATE SKIP LOCKED)", null);
        }
    }

    private static int compare(int[] version, int[] minimum) {
        for (int i = 0; i < minimum.length; i++) {
            if (version[i] != minimum[i]) {
                return Integer.compare(version[i], minimum[i]);
            }
        }
        return 0;
    }
}
