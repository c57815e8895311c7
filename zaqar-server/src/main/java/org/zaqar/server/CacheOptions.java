package org.zaqar.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.zaqar.core.config.ConfigSection;
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

    static CacheOptions from(ZaqarConfig config) {
        ConfigSection section = config.section(SECTION);
        String backend = section.getString("backend", NULL_BACKEND).strip();
        if (!section.getBoolean("enabled", false) || backend.equals(NULL_BACKEND)) {
            return new CacheOptions(null, List.of());
        }
        int expiration = section.getInt("expiration_time", 600);
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
