package org.zaqar.storage.redis;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.core.model.QueueStats;
import org.zaqar.core.storage.ClaimStore;
import org.zaqar.core.storage.MessageEvents;
import org.zaqar.core.storage.MessageStorage;
import org.zaqar.core.storage.MessageStore;
import org.zaqar.core.storage.QueueStore;
import org.zaqar.core.storage.SubscriptionStore;

import redis.clients.jedis.Pipeline;

/** The redis data plane: queues, messages, claims and subscriptions over one connection pool. */
final class RedisMessageStorage implements MessageStorage {
    private static final Logger LOG = LoggerFactory.getLogger(RedisMessageStorage.class);
    /** Most expired messages (and claims) one garbage collection pass removes per queue. */
    static final int SWEEP_BOUND = 10_000;

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
     * Sweeps every queue of every project once, one pipelined round trip per project: expired
     * messages and claims go, and claims that ran out free their messages. Each queue's sweep is
     * bounded so that Redis is never blocked for long. Each sweep also hands over the count of
     * messages other scripts removed as expired, reported at once so that none is lost or repeated.
     */
    @Override
    public void collectGarbage() {
        String now = Long.toString(clock.millis());
        String bound = Integer.toString(SWEEP_BOUND);
        Set<String> projects = redis.call("garbage collection", jedis -> jedis.smembers(RedisKeys.PROJECTS));
        long removed = 0;
        for (String project : projects) {
            long expired = redis.call("garbage collection", jedis -> {
                List<String> names = jedis.zrange(RedisKeys.queueIndex(project), 0, -1);
                if (names.isEmpty()) {
                    return 0L;
                }
                loadScript(jedis);
                Pipeline pipeline = jedis.pipelined();
                List<redis.clients.jedis.Response<Object>> responses = new ArrayList<>(names.size());
                for (String name : names) {
                    responses.add(pipeline.evalsha(RedisScript.SWEEP.sha(), List.of(RedisKeys.queue(project, name)),
                            List.of(now, bound)));
                }
                pipeline.sync();
                long count = 0;
                for (redis.clients.jedis.Response<Object> response : responses) {
                    count += RedisReplies.number(response.get());
                }
                return count;
            });
            if (expired > 0) {
                events.expired(expired);
                removed += expired;
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

    private static void loadScript(redis.clients.jedis.Jedis jedis) {
        if (!jedis.scriptExists(RedisScript.SWEEP.sha())) {
            jedis.scriptLoad(RedisScript.SWEEP.source());
        }
    }

    @Override
    public void close() {
        redis.close();
    }
}
