package org.zaqar.core.pooling;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.random.RandomGenerator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.core.model.Pool;
import org.zaqar.core.storage.ManagementStorage;
import org.zaqar.core.storage.MessageStorage;

/**
 * Upstream's pooling catalog ({@code zaqar/storage/pooling.py}): places each new queue on a pool
 * chosen by weight among the pools of its flavor, records the placement in the management store,
 * and finds the queue's pool for every later request. With a virtual pool (upstream's
 * {@code [pooling:catalog] enable_virtual_pool}), queues without a flavor stay in the default
 * message store when no pool without a flavor exists.
 */
public final class PoolCatalog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PoolCatalog.class);

    /** An opened pool, kept while its uri stays the same. */
    private record Opened(String uri, MessageStorage storage) {
    }

    private final ManagementStorage management;
    private final Function<String, MessageStorage> connector;
    private final MessageStorage virtualPool;
    private final RandomGenerator random;
    private final Map<String, Opened> opened = new ConcurrentHashMap<>();

    /**
     * @param connector   opens the message store a pool uri names (the driver is chosen by the uri's scheme)
     * @param virtualPool the default message store, or null when {@code enable_virtual_pool} is off
     */
    public PoolCatalog(ManagementStorage management, Function<String, MessageStorage> connector,
                       MessageStorage virtualPool, RandomGenerator random) {
        this.management = management;
        this.connector = connector;
        this.virtualPool = virtualPool;
        this.random = random;
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
        String pool = management.catalog().lookup(project, queue);
        if (pool != null && !management.pools().exists(pool)) {
            LOG.warn("queue {} of project {} was placed on pool {}, which no longer exists; forgetting it",
                    queue, project, pool);
            management.catalog().delete(project, queue);
            pool = null;
        }
        return pool == null ? virtualPool : storageOf(pool);
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
        return storageOf(management.catalog().insert(project, queue, chosen.name()));
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
