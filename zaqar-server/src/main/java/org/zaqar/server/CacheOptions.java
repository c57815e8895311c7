package org.zaqar.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.zaqar.core.config.ConfigSection;
import org.zaqar.core.config.Option;
import org.zaqar.core.config.ZaqarConfig;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.core.pooling.PoolCatalog;

/**
 * oslo.cache's {@code [cache]} as upstream uses it: the pooling catalog caches each queue's pool.
 * As in oslo.cache, nothing is cached unless {@code enabled} is true and {@code backend} is not
 * the null backend. Whatever backend is named, an in-process cache serves (no entry is shared
 * between nodes), so a placement is trusted for at most {@code expiration_time}, and never longer
 * than upstream's 10 s.
 *
 * @param placementTtl how long a queue's pool is cached, or null when nothing is cached
 */
record CacheOptions(Duration placementTtl, List<String> warnings) {
    static final String SECTION = "cache";
    static final String NULL_BACKEND = "dogpile.cache.null";
    private static final Set<String> IN_PROCESS_BACKENDS = Set.of("dogpile.cache.memory",
            "oslo_cache.dict", "dogpile.cache.memory_pickle");

    static final Option<Boolean> ENABLED = Option.bool(SECTION, "enabled", false, "Global toggle for caching "
            + "(oslo.cache). With pooling, each queue's pool is then cached, as upstream caches it.");
    static final Option<String> BACKEND = Option.string(SECTION, "backend", NULL_BACKEND, "Cache backend "
            + "(oslo.cache). Any backend but dogpile.cache.null turns the cache on; an in-process cache serves "
            + "whatever is named (a memcached or Redis backend is warned about), so nodes share no entries.");
    static final Option<Integer> EXPIRATION_TIME = Option.integer(SECTION, "expiration_time", 600, "Default TTL, "
            + "in seconds, for any cached item (oslo.cache). Queue placements live at most this long, and never "
            + "longer than upstream's 10 s.");
    static final Option<List<String>> MEMCACHE_SERVERS = Option.list(SECTION, "memcache_servers",
            List.of("localhost:11211"), "Memcache servers (oslo.cache); accepted for compatibility, not used: the "
                    + "cache is in-process.");

    /** Every [cache] option: the four read here, then oslo.cache's others, accepted and not used. */
    static final List<Option<?>> OPTIONS = options();

    private static List<Option<?>> options() {
        List<Option<?>> options = new ArrayList<>(List.of(ENABLED, BACKEND, EXPIRATION_TIME, MEMCACHE_SERVERS));
        for (String accepted : List.of("config_prefix", "backend_argument", "proxies", "debug_cache_backend",
                "memcache_dead_retry", "memcache_socket_timeout", "memcache_pool_maxsize",
                "memcache_pool_unused_timeout", "memcache_pool_connection_get_timeout",
                "memcache_pool_flush_on_reconnect", "memcache_sasl_enabled", "memcache_username",
                "memcache_password", "redis_server", "redis_username", "redis_password", "redis_sentinels",
                "redis_sentinel_service_name", "redis_socket_timeout", "tls_enabled", "tls_cafile", "tls_certfile",
                "tls_keyfile", "tls_allowed_ciphers", "enable_socket_keepalive", "socket_keepalive_idle",
                "socket_keepalive_interval", "socket_keepalive_count", "enable_retry_client", "retry_attempts",
                "retry_delay", "hashclient_retry_attempts", "hashclient_retry_delay", "dead_timeout",
                "enforce_fips_mode")) {
            Option<String> option = Option.string(SECTION, accepted, null, "Accepted for compatibility "
                    + "(oslo.cache); not used.");
            options.add(accepted.endsWith("password") ? option.secret() : option);
        }
        return List.copyOf(options);
    }

    static CacheOptions from(ZaqarConfig config) {
        ConfigSection section = config.section(SECTION);
        String backend = BACKEND.from(section);
        if (!ENABLED.from(section) || backend.equals(NULL_BACKEND)) {
            return new CacheOptions(null, List.of());
        }
        int expiration = EXPIRATION_TIME.from(section);
        if (expiration <= 0) {
            throw ZaqarException.validation("[cache] expiration_time must be positive, found "
                    + expiration);
        }
        List<String> warnings = new ArrayList<>();
        if (!IN_PROCESS_BACKENDS.contains(backend)) {
            warnings.add("[cache] backend = " + backend + ": queue placements are cached in this process instead "
                    + "(memcache_servers and the backend's other options are not used); each entry lives at most "
                    + PoolCatalog.PLACEMENT_TTL.toSeconds() + " s, so nodes agree within that");
        }
        Duration ttl = Duration.ofSeconds(expiration);
        return new CacheOptions(ttl.compareTo(PoolCatalog.PLACEMENT_TTL) < 0 ? ttl : PoolCatalog.PLACEMENT_TTL,
                List.copyOf(warnings));
    }
}
