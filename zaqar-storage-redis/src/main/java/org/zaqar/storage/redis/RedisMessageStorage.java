package org.zaqar.storage.redis;

import java.time.InstantSource;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.core.model.QueueStats;
import org.zaqar.core.storage.Capability;
import org.zaqar.core.storage.ClaimStore;
import org.zaqar.core.storage.MessageEvents;
import org.zaqar.core.storage.MessageStorage;
import org.zaqar.core.storage.MessageStore;
import org.zaqar.core.storage.QueueStore;
import org.zaqar.core.storage.SubscriptionStore;

/** The redis data plane: queues, messages, claims and subscriptions over one connection pool. */
final class RedisMessageStorage implements MessageStorage {
    private static final Logger LOG = LoggerFactory.getLogger(RedisMessageStorage.class);
    /**
     * Most expired messages (and expired claims, and delayed messages come due) one sweep call
     * handles in a queue: a few milliseconds of Redis time, which every other client waits out.
     * Measured: 10,000 at once held Redis for 60-80 ms, the slowest requests of a busy server.
     */
    static final int SWEEP_BOUND = 300;
    /** Sweep calls per queue in one pass, so that a pass ends; the next pass goes on. */
    private static final int MAX_SWEEPS_PER_QUEUE = 1000;

    private final RedisConnection redis;
    private final InstantSource clock;
    private final RedisQueueStore queues;
    private final RedisMessageStore messages;
    private final RedisClaimStore claims;
    private final RedisSubscriptionStore subscriptions;
    private final MessageEvents events;

    RedisMessageStorage(RedisConnection redis, InstantSource clock, MessageEvents events) {
        this.redis = redis;
        this.clock = clock;
        this.events = events;
        this.queues = new RedisQueueStore(redis, clock);
        this.subscriptions = new RedisSubscriptionStore(redis, clock);
        this.messages = new RedisMessageStore(redis, queues, subscriptions, clock);
        this.claims = new RedisClaimStore(redis, clock, events);
    }

    @Override
    public QueueStore queues() {
        return queues;
    }

    @Override
    public MessageStore messages() {
        return messages;
    }

    @Override
    public ClaimStore claims() {
        return claims;
    }

    @Override
    public SubscriptionStore subscriptions() {
        return subscriptions;
    }

    /** Upstream's redis driver: everything but durability. */
    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.FIFO, Capability.CLAIMS, Capability.AOD, Capability.HIGH_THROUGHPUT);
    }

    @Override
    public boolean isAlive() {
        return redis.ping();
    }

    /**
     * Live messages of every queue of every project, counted queue by queue with the stats
     * script: for {@code /v2/health}, not for hot paths.
     */
    @Override
    public QueueStats messageVolume() {
        Set<String> projects = redis.call("message volume", jedis -> jedis.smembers(RedisKeys.PROJECTS));
        long free = 0;
        long claimed = 0;
        for (String project : projects) {
            List<String> names = redis.call("message volume",
                    jedis -> jedis.zrange(RedisKeys.queueIndex(project), 0, -1));
            for (String name : names) {
                try {
                    QueueStats stats = queues.stats(project, name);
                    free += stats.free();
                    claimed += stats.claimed();
                } catch (ZaqarException e) {
                    // deleted meanwhile
                }
            }
        }
        return new QueueStats(free, claimed, free + claimed, null, null);
    }

    /**
     * Sweeps every queue of every project: expired messages and claims go, and claims that ran out
     * free their messages. Each queue is swept by bounded script calls, one after another while it
     * has more, so that requests get Redis in between. Each sweep also hands over the count of
     * messages other scripts removed as expired, reported at once so that none is lost or repeated.
     */
    @Override
    public void collectGarbage() {
        Set<String> projects = redis.call("garbage collection", jedis -> jedis.smembers(RedisKeys.PROJECTS));
        long removed = 0;
        for (String project : projects) {
            List<String> names = redis.call("garbage collection",
                    jedis -> jedis.zrange(RedisKeys.queueIndex(project), 0, -1));
            for (String name : names) {
                removed += sweep(project, name);
            }
        }
        if (removed > 0) {
            LOG.debug("redis garbage collection removed {} expired messages", removed);
        }
        long subscriptionsRemoved = subscriptions.collectGarbage();
        if (subscriptionsRemoved > 0) {
            LOG.debug("redis garbage collection removed {} expired subscriptions", subscriptionsRemoved);
        }
    }

    /** Sweeps one queue; returns how many of its messages expired since its last sweep. */
    private long sweep(String project, String queue) {
        List<String> keys = List.of(RedisKeys.queue(project, queue));
        List<String> args = List.of(Long.toString(clock.millis()), Integer.toString(SWEEP_BOUND));
        long expired = 0;
        for (int call = 0; call < MAX_SWEEPS_PER_QUEUE; call++) {
            List<?> reply = RedisReplies.list(redis.eval(RedisScript.SWEEP, keys, args));
            expired += RedisReplies.number(reply.get(0));
            boolean more = RedisReplies.number(reply.get(1)) == 1;
            if (!more) {
                break;
            }
        }
        if (expired > 0) {
            events.expired(expired);
        }
        return expired;
    }

    @Override
    public void close() {
        redis.close();
    }
}
