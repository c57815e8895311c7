package org.zaqar.storage.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.zaqar.core.config.ConfigSection;
import org.zaqar.core.error.ZaqarException;

/**
 * The options of {@code [drivers:message_store:redis]} and {@code [drivers:management_store:redis]},
 * with upstream's names and defaults. {@code database} is this driver's addition; a {@code dbid}
 * in the URI (upstream's way) wins over it.
 *
 * @param uri                  the parsed {@code uri}
 * @param maxReconnectAttempts {@code max_reconnect_attempts}: retries of an operation that failed
 *                             during a Sentinel failover
 * @param reconnectSleepMillis {@code reconnect_sleep}: base pause between those retries
 * @param database             the database number to select
 */
public record RedisOptions(RedisUri uri, int maxReconnectAttempts, long reconnectSleepMillis, int database) {
    public static final String DEFAULT_URI = "redis://127.0.0.1:6379";
    public static final int DEFAULT_MAX_RECONNECT_ATTEMPTS = 10;
    public static final double DEFAULT_RECONNECT_SLEEP = 1.0;
    public static final int DEFAULT_DATABASE = 0;
    /** Every option this driver reads from its section, for the server's unknown-option warnings. */
    public static final Set<String> OPTION_NAMES = Set.of("uri", "max_reconnect_attempts", "reconnect_sleep", "database");

    /** Reads and validates the section, reporting every violation at once. */
    public static RedisOptions from(ConfigSection section) {
        List<String> problems = new ArrayList<>();
        RedisUri uri = null;
        try {
            uri = RedisUri.parse(section.getString("uri", DEFAULT_URI));
        } catch (ZaqarException e) {
            problems.add("[" + section.name() + "] uri: " + e.getMessage());
        }
        int attempts = DEFAULT_MAX_RECONNECT_ATTEMPTS;
        double sleep = DEFAULT_RECONNECT_SLEEP;
        int database = DEFAULT_DATABASE;
        try {
            attempts = section.getInt("max_reconnect_attempts", DEFAULT_MAX_RECONNECT_ATTEMPTS);
            if (attempts < 0) {
                problems.add("[" + section.name() + "] max_reconnect_attempts = " + attempts + " is below the minimum of 0");
            }
        } catch (ZaqarException e) {
            problems.add(e.getMessage());
        }
        try {
            sleep = section.getDouble("reconnect_sleep", DEFAULT_RECONNECT_SLEEP);
            if (sleep < 0) {
                problems.add("[" + section.name() + "] reconnect_sleep = " + sleep + " is below the minimum of 0");
            }
        } catch (ZaqarException e) {
            problems.add(e.getMessage());
        }
        try {
            database = section.getInt("database", DEFAULT_DATABASE);
            if (database < 0) {
                problems.add("[" + section.name() + "] database = " + database + " is below the minimum of 0");
            }
        } catch (ZaqarException e) {
            problems.add(e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw ZaqarException.validation(String.join("; ", problems));
        }
        int effectiveDatabase = uri.database() >= 0 ? uri.database() : database;
        return new RedisOptions(uri, attempts, Math.round(sleep * 1000), effectiveDatabase);
    }
}
