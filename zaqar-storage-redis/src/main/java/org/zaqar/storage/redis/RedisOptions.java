package org.zaqar.storage.redis;

import java.util.ArrayList;
import java.util.List;

import org.zaqar.core.config.ConfigSection;
import org.zaqar.core.config.Option;
import org.zaqar.core.error.ZaqarException;

/**
 * The options of {@code [drivers:message_store:redis]} and {@code [drivers:management_store:redis]},
 * with upstream's names and defaults. The database number comes from the URI's {@code dbid}, as
 * upstream reads it; a {@code database} option (which devstack writes, as the database name of
 * its other stores) is no option of this driver: upstream ignores it, and so do we, with a warning.
 *
 * @param uri                  the parsed {@code uri}
 * @param maxReconnectAttempts {@code max_reconnect_attempts}: retries of an operation that failed
 *                             during a Sentinel failover
 * @param reconnectSleepMillis {@code reconnect_sleep}: base pause between those retries
 * @param database             the database number to select: the URI's {@code dbid}, else 0
 */
public record RedisOptions(RedisUri uri, int maxReconnectAttempts, long reconnectSleepMillis, int database) {
    private static final String SECTION = "drivers:message_store:redis";
    private static final String OLD_SECTION = "drivers:storage:redis";

    public static final Option<String> URI = Option.string(SECTION, "uri", "redis://127.0.0.1:6379",
            "Redis connection URI: redis://[[user]:password@]host[:port][?options], "
                    + "redis:[:password@]/path/to/redis.sock[?options], or Sentinel: "
                    + "redis://[[user]:password@]sentinel1[:port1],sentinel2[:port2]?master=NAME[&options]. Options: "
                    + "socket_timeout (seconds), dbid (the database number, 0 when not given), and for Sentinel "
                    + "sentinel_username and sentinel_password (the Sentinels' own credentials, as upstream reads "
                    + "them since 2024). A user name logs in as that Redis ACL user.")
            .secret().oldName(OLD_SECTION, "uri");
    public static final Option<Integer> MAX_RECONNECT_ATTEMPTS = Option.integer(SECTION, "max_reconnect_attempts",
            10, "Maximum number of times to retry an operation that failed due to a redis node failover.")
            .oldName(OLD_SECTION, "max_reconnect_attempts");
    public static final Option<Double> RECONNECT_SLEEP = Option.floating(SECTION, "reconnect_sleep", 1.0,
            "Base sleep interval between attempts to reconnect after a redis node failover.")
            .oldName(OLD_SECTION, "reconnect_sleep");

    /** The options of the message store's section; the management store's are the same, in its own section. */
    public static final List<Option<?>> OPTIONS = List.of(URI, MAX_RECONNECT_ATTEMPTS, RECONNECT_SLEEP);

    /** Reads and validates the section, reporting every violation at once. */
    public static RedisOptions from(ConfigSection section) {
        List<String> problems = new ArrayList<>();
        RedisUri uri = null;
        try {
            uri = RedisUri.parse(URI.from(section));
        } catch (ZaqarException e) {
            problems.add("[" + section.name() + "] uri: " + e.getMessage());
        }
        int attempts = MAX_RECONNECT_ATTEMPTS.defaultValue();
        double sleep = RECONNECT_SLEEP.defaultValue();
        try {
            attempts = MAX_RECONNECT_ATTEMPTS.from(section);
            if (attempts < 0) {
                problems.add("[" + section.name() + "] max_reconnect_attempts = " + attempts + " is below the minimum of 0");
            }
        } catch (ZaqarException e) {
            problems.add(e.getMessage());
        }
        try {
            sleep = RECONNECT_SLEEP.from(section);
            if (sleep < 0) {
                problems.add("[" + section.name() + "] reconnect_sleep = " + sleep + " is below the minimum of 0");
            }
        } catch (ZaqarException e) {
            problems.add(e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw ZaqarException.validation(String.join("; ", problems));
        }
        return new RedisOptions(uri, attempts, Math.round(sleep * 1000), Math.max(0, uri.database()));
    }
}
