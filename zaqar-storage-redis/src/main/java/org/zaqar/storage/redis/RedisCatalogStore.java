package org.zaqar.storage.redis;

import java.util.List;

import org.zaqar.core.model.Page;
import org.zaqar.core.storage.CatalogStore;

/** Queue placements per project in a hash and a name index; per-pool counts kept by the scripts. */
final class RedisCatalogStore implements CatalogStore {
    /** KEYS: catalog, names, counts. ARGV: queue, pool. Answers the pool the queue is on. */
    private static final String INSERT = """
            local placed = redis.call('HGET', KEYS[1], ARGV[1])
            if placed then return placed end
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
            redis.call('ZADD', KEYS[2], 0, ARGV[1])
            redis.call('HINCRBY', KEYS[3], ARGV[2], 1)
            return ARGV[2]
            """;
    /** KEYS: catalog, names, counts. ARGV: queue. */
    private static final String DELETE = """
            local old = redis.call('HGET', KEYS[1], ARGV[1])
            if not old then return 0 end
            redis.call('HDEL', KEYS[1], ARGV[1])
            redis.call('ZREM', KEYS[2], ARGV[1])
            redis.call('HINCRBY', KEYS[3], old, -1)
            return 1
            """;

    private final RedisConnection redis;

    RedisCatalogStore(RedisConnection redis) {
        this.redis = redis;
    }

    private static List<String> keys(String project) {
        return List.of(RedisControlKeys.catalog(project), RedisControlKeys.catalogNames(project),
                RedisControlKeys.POOL_QUEUE_COUNTS);
    }

    @Override
    public String insert(String project, String queue, String pool) {
        return (String) redis.call("catalog insert",
                jedis -> jedis.eval(INSERT, keys(project), List.of(queue, pool)));
    }

    @Override
    public String lookup(String project, String queue) {
        return redis.call("catalog lookup", jedis -> jedis.hget(RedisControlKeys.catalog(project), queue));
    }

    @Override
    public void delete(String project, String queue) {
        redis.call("catalog delete", jedis -> jedis.eval(DELETE, keys(project), List.of(queue)));
    }

    @Override
    public Page<String> list(String project, String marker, int limit) {
        List<String> names = redis.call("catalog list", jedis -> jedis.zrangeByLex(
                RedisControlKeys.catalogNames(project), marker == null ? "-" : "(" + marker, "+", 0, limit));
        return new Page<>(names, names.isEmpty() ? null : names.getLast());
    }

    @Override
    public long count(String project) {
        return redis.call("catalog count", jedis -> jedis.hlen(RedisControlKeys.catalog(project)));
    }

    @Override
    public long countInPool(String pool) {
        String count = redis.call("catalog count", jedis -> jedis.hget(RedisControlKeys.POOL_QUEUE_COUNTS, pool));
        return count == null ? 0 : Long.parseLong(count);
    }
}
