package org.zaqar.storage.redis;

import java.util.ArrayList;
import java.util.List;

import org.zaqar.core.error.ErrorCode;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.core.model.Flavor;
import org.zaqar.core.model.Page;
import org.zaqar.core.storage.FlavorStore;

/** Each project's flavors in a hash, with a name index and, per name, the projects having it. */
final class RedisFlavorStore implements FlavorStore {
    private final RedisConnection redis;

    RedisFlavorStore(RedisConnection redis) {
        this.redis = redis;
    }

    @Override
    public void put(Flavor flavor) {
        String capabilities = RedisControlKeys.write(flavor.capabilities());
        redis.call("flavor put", jedis -> {
            var transaction = jedis.multi();
            transaction.hset(RedisControlKeys.flavors(flavor.project()), flavor.name(), capabilities);
            transaction.zadd(RedisControlKeys.flavorNames(flavor.project()), 0, flavor.name());
            transaction.sadd(RedisControlKeys.flavorProjects(flavor.name()), flavor.project());
            return transaction.exec();
        });
    }

    @Override
    public Flavor get(String project, String name) {
        String json = redis.call("flavor get", jedis -> jedis.hget(RedisControlKeys.flavors(project), name));
        if (json == null) {
            throw new ZaqarException(ErrorCode.NOT_FOUND, "Flavor " + name + " does not exist");
        }
        return new Flavor(project, name, RedisControlKeys.read(json));
    }

    @Override
    public boolean exists(String project, String name) {
        return redis.call("flavor exists", jedis -> jedis.hexists(RedisControlKeys.flavors(project), name));
    }

    @Override
    public boolean existsInAnyProject(String name) {
        return redis.call("flavor exists", jedis -> jedis.scard(RedisControlKeys.flavorProjects(name))) > 0;
    }

    @Override
    public Page<Flavor> list(String project, String marker, int limit) {
        List<String> names = redis.call("flavor list", jedis -> jedis.zrangeByLex(RedisControlKeys.flavorNames(project),
                marker == null ? "-" : "(" + marker, "+", 0, limit));
        List<Flavor> flavors = new ArrayList<>();
        if (!names.isEmpty()) {
            List<String> values = redis.call("flavor list",
                    jedis -> jedis.hmget(RedisControlKeys.flavors(project), names.toArray(String[]::new)));
            for (int i = 0; i < names.size(); i++) {
                if (values.get(i) != null) {
                    flavors.add(new Flavor(project, names.get(i), RedisControlKeys.read(values.get(i))));
                }
            }
        }
        return new Page<>(flavors, flavors.isEmpty() ? null : flavors.getLast().name());
    }

    @Override
    public void delete(String project, String name) {
        redis.call("flavor delete", jedis -> {
            var transaction = jedis.multi();
            transaction.hdel(RedisControlKeys.flavors(project), name);
            transaction.zrem(RedisControlKeys.flavorNames(project), name);
            transaction.srem(RedisControlKeys.flavorProjects(name), project);
            return transaction.exec();
        });
    }
}
