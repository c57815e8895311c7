package org.zaqar.storage.redis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.zaqar.core.error.ErrorCode;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.core.model.Page;
import org.zaqar.core.model.Pool;
import org.zaqar.core.storage.PoolStore;

/** Pools in a hash, with an index of names and one of uris kept consistent by scripts. */
final class RedisPoolStore implements PoolStore {
    /** ARGV: name, uri, pool JSON. Returns 0 when another pool has the uri. */
    private static final String PUT = """
            local owner = redis.call('HGET', KEYS[2], ARGV[2])
            if owner and owner ~= ARGV[1] then return 0 end
            local old = redis.call('HGET', KEYS[1], ARGV[1])
            if old then redis.call('HDEL', KEYS[2], cjson.decode(old)['uri']) end
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
            redis.call('HSET', KEYS[2], ARGV[2], ARGV[1])
            redis.call('ZADD', KEYS[3], 0, ARGV[1])
            return 1
            """;
    /** ARGV: name. */
    private static final String DELETE = """
            local old = redis.call('HGET', KEYS[1], ARGV[1])
            if not old then return 0 end
            redis.call('HDEL', KEYS[2], cjson.decode(old)['uri'])
            redis.call('HDEL', KEYS[1], ARGV[1])
            redis.call('ZREM', KEYS[3], ARGV[1])
            return 1
            """;
    private static final List<String> KEYS = List.of(RedisControlKeys.POOLS, RedisControlKeys.POOL_URIS,
            RedisControlKeys.POOL_NAMES);

    private final RedisConnection redis;

    RedisPoolStore(RedisConnection redis) {
        this.redis = redis;
    }

    @Override
    public void put(Pool pool) {
        Map<String, Object> stored = new LinkedHashMap<>();
        stored.put("weight", pool.weight());
        stored.put("uri", pool.uri());
        stored.put("flavor", pool.flavor());
        stored.put("options", pool.options());
        Object done = redis.call("pool put", jedis -> jedis.eval(PUT, KEYS,
                List.of(pool.name(), pool.uri(), RedisControlKeys.write(stored))));
        if (RedisReplies.number(done) == 0) {
            throw new ZaqarException(ErrorCode.CONFLICT, "The database URI is in use by another pool.");
        }
    }

    @Override
    public Pool get(String name) {
        String json = redis.call("pool get", jedis -> jedis.hget(RedisControlKeys.POOLS, name));
        if (json == null) {
            throw new ZaqarException(ErrorCode.NOT_FOUND, "Pool " + name + " does not exist");
        }
        return pool(name, json);
    }

    @Override
    public boolean exists(String name) {
        return redis.call("pool exists", jedis -> jedis.hexists(RedisControlKeys.POOLS, name));
    }

    @Override
    public Page<Pool> list(String marker, int limit) {
        List<String> names = redis.call("pool list", jedis -> jedis.zrangeByLex(RedisControlKeys.POOL_NAMES,
                marker == null ? "-" : "(" + marker, "+", 0, limit));
        List<Pool> pools = new ArrayList<>();
        if (!names.isEmpty()) {
            List<String> values = redis.call("pool list",
                    jedis -> jedis.hmget(RedisControlKeys.POOLS, names.toArray(String[]::new)));
            for (int i = 0; i < names.size(); i++) {
                if (values.get(i) != null) {
                    pools.add(pool(names.get(i), values.get(i)));
                }
            }
        }
        return new Page<>(pools, pools.isEmpty() ? null : pools.getLast().name());
    }

    @Override
    public List<Pool> byFlavor(String flavor) {
        Map<String, String> all = redis.call("pools by flavor", jedis -> jedis.hgetAll(RedisControlKeys.POOLS));
        return all.entrySet().stream().map(entry -> pool(entry.getKey(), entry.getValue()))
                .filter(pool -> flavor == null ? pool.flavor() == null : flavor.equals(pool.flavor()))
                .sorted(Comparator.comparing(Pool::name)).toList();
    }

    @Override
    public void delete(String name) {
        redis.call("pool delete", jedis -> jedis.eval(DELETE, KEYS, List.of(name)));
    }

    @SuppressWarnings("unchecked")
    private static Pool pool(String name, String json) {
        Map<String, Object> stored = RedisControlKeys.read(json);
        Object options = stored.get("options");
        return new Pool(name, ((Number) stored.get("weight")).longValue(), (String) stored.get("uri"),
                (String) stored.get("flavor"), options instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of());
    }
}
