package org.zaqar.storage.redis;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.core.log.LogThrottle;

import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;
import redis.clients.jedis.JedisSentinelPool;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisNoScriptException;
import redis.clients.jedis.util.Pool;

/**
 * A pool of Redis connections (standalone or via Sentinel) and the one place where Jedis
 * exceptions become {@link ZaqarException}s. Connection failures surface as STORAGE_UNAVAILABLE
 * within the connect/socket timeout; broken connections are dropped by the pool, so it recovers
 * by itself once Redis is back, and a command that meets a connection which died while idle is
 * retried once on a fresh one. In Sentinel mode an operation that fails on a connection error is
 * retried {@code max_reconnect_attempts} times, {@code reconnect_sleep} apart, to ride out a
 * failover; a standalone server has no failover, so there it fails at once.
 *
 * <p>Every call is bounded by the socket timeout: on a platform thread by the connection's
 * socket timeout, on a virtual thread by {@link CallDeadlines} while the connection reads with
 * none. New connections do their handshake within the socket timeout either way.
 */
final class RedisConnection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisConnection.class);
    /** Every call retries while Redis is down: its warning once per interval per server. */
    private static final LogThrottle OUTAGES = LogThrottle.forOutages();
    static final int CONNECT_TIMEOUT_MILLIS = 2000;
    static final int DEFAULT_SOCKET_TIMEOUT_MILLIS = 3000;
    static final int MAX_CONNECTIONS = 256;
    static final int POOL_WAIT_MILLIS = 5000;

    private final Pool<Jedis> pool;
    private final RedisOptions options;
    private final String description;
    private final int socketTimeoutMillis;
    private final CallDeadlines deadlines;

    private RedisConnection(Pool<Jedis> pool, RedisOptions options, int socketTimeoutMillis) {
        this.pool = pool;
        this.options = options;
        this.description = options.uri().toString();
        this.socketTimeoutMillis = socketTimeoutMillis;
        this.deadlines = new CallDeadlines(socketTimeoutMillis, "zaqar-redis-deadlines " + description);
    }

    static RedisConnection open(RedisOptions options) {
        RedisUri uri = options.uri();
        int socketTimeout = uri.socketTimeoutMillis() > 0 ? uri.socketTimeoutMillis() : DEFAULT_SOCKET_TIMEOUT_MILLIS;
        JedisClientConfig clientConfig = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(CONNECT_TIMEOUT_MILLIS)
                // bounds a new connection's handshake; each call then sets its own (callWithinTimeout)
                .socketTimeoutMillis(socketTimeout)
                .user(uri.user())
                .password(uri.password())
                .database(options.database())
                .clientName("zaqar")
                .build();
        JedisPoolConfig poolConfig = new JedisPoolConfig();
        poolConfig.setMaxTotal(MAX_CONNECTIONS);
        poolConfig.setMaxIdle(MAX_CONNECTIONS);
        poolConfig.setMinIdle(0);
        // waiting for a free connection is load, not an outage: allow longer than a connect
        poolConfig.setMaxWait(Duration.ofMillis(POOL_WAIT_MILLIS));
        poolConfig.setJmxEnabled(false);
        Pool<Jedis> pool = switch (uri.strategy()) {
            case TCP -> new JedisPool(poolConfig, new HostAndPort(uri.host(), uri.port()), clientConfig);
            case SENTINEL -> openSentinelPool(uri, poolConfig, clientConfig, socketTimeout);
            case UNIX -> new JedisPool(poolConfig, new RedisUnixSocketFactory(uri.socketPath(), socketTimeout),
                    clientConfig);
        };
        RedisConnection connection = new RedisConnection(pool, options, socketTimeout);
        try {
            connection.checkServer();
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
        LOG.info("redis driver connected to {} (database {})", connection.description, options.database());
        return connection;
    }

    private static Pool<Jedis> openSentinelPool(RedisUri uri, JedisPoolConfig poolConfig,
                                                JedisClientConfig masterConfig, int socketTimeout) {
        Set<HostAndPort> sentinels = new LinkedHashSet<>();
        for (RedisUri.HostPort sentinel : uri.sentinels()) {
            sentinels.add(new HostAndPort(sentinel.host(), sentinel.port()));
        }
        JedisClientConfig sentinelConfig = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(CONNECT_TIMEOUT_MILLIS)
                .socketTimeoutMillis(socketTimeout)
                .user(uri.sentinelUser())
                .password(uri.sentinelPassword())
                .clientName("zaqar-sentinel")
                .build();
        try {
            return new JedisSentinelPool(uri.master(), sentinels, poolConfig, masterConfig, sentinelConfig);
        } catch (JedisException e) {
            throw ZaqarException.unavailable("Redis Sentinel " + uri + " did not give a master '" + uri.master()
                    + "': " + e.getMessage(), e);
        }
    }

    private void checkServer() {
        String info = call("server check", jedis -> jedis.info("server"));
        for (String line : info.split("\r?\n")) {
            if (line.startsWith("redis_version:")) {
                String version = line.substring("redis_version:".length()).strip();
                String[] parts = version.split("\\.");
                int major = Integer.parseInt(parts[0]);
                int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
                if (major < 6 || major == 6 && minor < 2) {
                    // the scripts use ZMSCORE, new in 6.2
                    throw ZaqarException.validation("the redis driver needs redis-server 6.2 or newer; "
                            + description + " runs " + version);
                }
            }
        }
    }

    /** Runs an action on a pooled connection, translating Jedis failures. */
    <T> T call(String operation, Function<Jedis, T> action) {
        int attempts = pool instanceof JedisSentinelPool ? options.maxReconnectAttempts() : 0;
        boolean retriedStale = false;
        for (int attempt = 0; ; attempt++) {
            boolean borrowed = false;
            try (Jedis jedis = pool.getResource()) {
                borrowed = true;
                return callWithinTimeout(jedis, action);
            } catch (JedisConnectionException e) {
                if (borrowed && !retriedStale && !isTimeout(e)) {
                    // The pooled connection died while idle (Redis restarted, or a failover): the
                    // other idle ones are as stale, so drop them and retry once at once, as redis-py
                    // does. Not after a timeout: the command may still be running.
                    retriedStale = true;
                    pool.clear();
                    attempt--;
                    continue;
                }
                if (attempt >= attempts) {
                    throw ZaqarException.unavailable("Redis at " + description + " is unreachable during " + operation
                            + (attempt > 0 ? " after " + (attempt + 1) + " attempts" : "") + ": " + reason(e), e);
                }
                int retry = attempt + 1;
                OUTAGES.permit(description).ifPresent(held -> LOG.warn("redis {} {} failed on a connection error "
                        + "({}); retry {} of {}{}", description, operation, reason(e), retry, attempts,
                        OUTAGES.held(held)));
                sleep(options.reconnectSleepMillis());
            } catch (JedisException e) {
                throw ZaqarException.unavailable("Redis at " + description + " failed " + operation + ": "
                        + e.getMessage(), e);
            }
        }
    }

    /** Applies the action within the socket timeout, which a failure past it reports as a timeout. */
    private <T> T callWithinTimeout(Jedis jedis, Function<Jedis, T> action) {
        Connection connection = jedis.getConnection();
        if (!Thread.currentThread().isVirtual()) {
            setSoTimeout(connection, socketTimeoutMillis);
            return action.apply(jedis);
        }
        setSoTimeout(connection, 0);
        CallDeadlines.Call call = deadlines.start();
        try {
            return action.apply(jedis);
        } catch (JedisConnectionException e) {
            if (call.finish()) {
                // the watchdog closed the socket: as if the read had timed out
                SocketTimeoutException timeout = new SocketTimeoutException("past the deadline of the call");
                timeout.initCause(e);
                throw new JedisConnectionException(timeout);
            }
            throw e;
        } finally {
            call.finish();
        }
    }

    /** Sets the read timeout when it differs: a pooled connection serves both kinds of threads. */
    private static void setSoTimeout(Connection connection, int millis) {
        if (connection.getSoTimeout() != millis) {
            connection.setSoTimeout(millis);
        }
    }

    private String reason(JedisConnectionException error) {
        return isTimeout(error) ? "no reply within the socket timeout of " + socketTimeoutMillis + " ms"
                : error.getMessage();
    }

    private static boolean isTimeout(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** EVALSHA of the script, falling back to EVAL when Redis does not know it yet. */
    Object eval(RedisScript script, List<String> keys, List<String> args) {
        return call(script.fileName(), jedis -> {
            try {
                return jedis.evalsha(script.sha(), keys, args);
            } catch (JedisNoScriptException e) {
                return jedis.eval(script.source(), keys, args);
            }
        });
    }

    boolean ping() {
        try (Jedis jedis = pool.getResource()) {
            return "PONG".equals(callWithinTimeout(jedis, Jedis::ping));
        } catch (JedisException e) {
            return false;
        }
    }

    String description() {
        return description;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ZaqarException.unavailable("interrupted while waiting to reconnect to Redis", e);
        }
    }

    @Override
    public void close() {
        deadlines.close();
        pool.close();
    }
}
