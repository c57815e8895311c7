package org.zaqar.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.zaqar.core.config.ZaqarConfig;
import org.zaqar.core.error.ZaqarException;

/** oslo.cache's [cache] options, as they decide whether queue placements are cached. */
class CacheOptionsTest {

    private static CacheOptions cache(String options) {
        return CacheOptions.from(ZaqarConfig.parse("[cache]\n" + options));
    }

    @Test
    void offUnlessEnabledWithARealBackend() {
        assertNull(cache("").placementTtl());
        assertNull(cache("backend = dogpile.cache.memory").placementTtl());
        assertNull(cache("enabled = true").placementTtl(), "the default backend is dogpile.cache.null");
    }

    @Test
    void anInProcessBackendCachesForUpstreamsTenSecondsAtMost() {
        CacheOptions memory = cache("enabled = true\nbackend = dogpile.cache.memory");
        assertEquals(Duration.ofSeconds(10), memory.placementTtl());
        assertEquals(List.of(), memory.warnings());
        assertEquals(Duration.ofSeconds(4), cache("enabled = true\nbackend = oslo_cache.dict\nexpiration_time = 4")
                .placementTtl());
        assertThrows(ZaqarException.class, () -> cache("enabled = true\nbackend = oslo_cache.dict\n"
                + "expiration_time = 0"));
    }

    @Test
    void memcachedIsAcceptedAndWarnedAboutSinceTheCacheStaysInProcess() {
        CacheOptions memcached = cache("enabled = true\nbackend = dogpile.cache.pymemcache\n"
                + "memcache_servers = 10.0.0.1:11211");
        assertEquals(Duration.ofSeconds(10), memcached.placementTtl());
        assertTrue(memcached.warnings().getFirst().contains("cached in this process instead"),
                memcached.warnings().toString());
    }
}
