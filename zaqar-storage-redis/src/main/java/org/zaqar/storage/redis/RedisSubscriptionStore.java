package org.zaqar.storage.redis;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.zaqar.core.error.ErrorCode;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.core.model.Page;
import org.zaqar.core.model.Subscription;
import org.zaqar.core.storage.SubscriptionStore;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;

/**
 * Subscriptions of one source in keys sharing a hash tag: {@code zq:subs:{project/source}} maps id
 * to the subscription's JSON record, its {@code :by} twin maps subscriber to id, and its
 * {@code :exp} sorted set scores each id by its expiry. Every change is one Lua script (create
 * checks the subscriber is free; updates compare and set the record read before), so concurrent
 * API nodes cannot create duplicates or lose a change.
 *
 * <p>Expired subscriptions are removed without scanning keys: each write first removes up to
 * {@link #PRUNE_BOUND} expired ones of its source, the three keys carry a Redis TTL that ends at
 * the latest expiry among them (so a source whose subscriptions all expired vanishes by itself), and garbage
 * collection walks the {@code zq:subs-sources} index of sources with subscriptions, pruning each
 * within the same bound.
 */
final class RedisSubscriptionStore implements SubscriptionStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final int CAS_ATTEMPTS = 10;
    /** Most expired subscriptions one write or one garbage collection pass removes per source. */
    static final int PRUNE_BOUND = 100;
    /** Set of the record hashes of every source with subscriptions; garbage collection walks it. */
    static final String SOURCES = RedisKeys.PREFIX + "subs-sources";

    /**
     * KEYS: records, by-subscriber, expiries, sources index. Shared by every script: prune(now)
     * removes up to the bound of expired subscriptions; keep_until_last_expiry(now) sets the keys'
     * TTL to the time left until the latest expiry, measured by the store's clock (none left
     * deletes them).
     */
    private static final String COMMON = """
            local function prune(now)
              local expired = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', now, 'LIMIT', 0, %d)
              for _, id in ipairs(expired) do
                local record = redis.call('HGET', KEYS[1], id)
                if record then
                  local subscriber = cjson.decode(record)['subscriber']
                  if redis.call('HGET', KEYS[2], subscriber) == id then redis.call('HDEL', KEYS[2], subscriber) end
                  redis.call('HDEL', KEYS[1], id)
                end
                redis.call('ZREM', KEYS[3], id)
              end
              return #expired
            end
            local function keep_until_last_expiry(now)
              local last = redis.call('ZRANGE', KEYS[3], -1, -1, 'WITHSCORES')
              local left = 0
              if #last > 0 then left = math.floor(tonumber(last[2]) - tonumber(now)) end
              if left <= 0 then
                redis.call('DEL', KEYS[1], KEYS[2], KEYS[3])
              else
                for i = 1, 3 do redis.call('PEXPIRE', KEYS[i], left) end
              end
            end
            """.formatted(PRUNE_BOUND);
    /** ARGV: id, subscriber, record, now, expires. Live record of another id holds the subscriber: 0; else 1. */
    private static final String CREATE = COMMON + """
            prune(ARGV[4])
            local existing = redis.call('HGET', KEYS[2], ARGV[2])
            if existing then
              local record = redis.call('HGET', KEYS[1], existing)
              if record and tonumber(cjson.decode(record)['expires']) > tonumber(ARGV[4]) then return 0 end
              redis.call('HDEL', KEYS[1], existing)
              redis.call('ZREM', KEYS[3], existing)
            end
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
            redis.call('HSET', KEYS[2], ARGV[2], ARGV[1])
            redis.call('ZADD', KEYS[3], ARGV[5], ARGV[1])
            redis.call('SADD', KEYS[4], KEYS[1])
            keep_until_last_expiry(ARGV[4])
            return 1
            """;
    /**
     * ARGV: id, old record, new record, old subscriber, new subscriber, now, new expires. 0 when the
     * record changed meanwhile, -1 when the new subscriber is taken, 1 when stored.
     */
    private static final String COMPARE_AND_SET = COMMON + """
            if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[2] then return 0 end
            if ARGV[4] ~= ARGV[5] then
              local other = redis.call('HGET', KEYS[2], ARGV[5])
              if other and other ~= ARGV[1] then
                local record = redis.call('HGET', KEYS[1], other)
                if record and tonumber(cjson.decode(record)['expires']) > tonumber(ARGV[6]) then return -1 end
                redis.call('HDEL', KEYS[1], other)
                redis.call('ZREM', KEYS[3], other)
              end
              redis.call('HDEL', KEYS[2], ARGV[4])
              redis.call('HSET', KEYS[2], ARGV[5], ARGV[1])
            end
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
            redis.call('ZADD', KEYS[3], ARGV[7], ARGV[1])
            prune(ARGV[6])
            keep_until_last_expiry(ARGV[6])
            return 1
            """;
    /** ARGV: id, now. */
    private static final String DELETE = COMMON + """
            local record = redis.call('HGET', KEYS[1], ARGV[1])
            if not record then return 0 end
            local subscriber = cjson.decode(record)['subscriber']
            if redis.call('HGET', KEYS[2], subscriber) == ARGV[1] then redis.call('HDEL', KEYS[2], subscriber) end
            redis.call('ZREM', KEYS[3], ARGV[1])
            local deleted = redis.call('HDEL', KEYS[1], ARGV[1])
            keep_until_last_expiry(ARGV[2])
            return deleted
            """;
    /** ARGV: now. Prunes one source; a source left without subscriptions leaves the index. */
    private static final String SWEEP = COMMON + """
            local removed = prune(ARGV[1])
            if redis.call('EXISTS', KEYS[1]) == 0 then
              redis.call('DEL', KEYS[2], KEYS[3])
              redis.call('SREM', KEYS[4], KEYS[1])
            end
            return removed
            """;

    private final RedisConnection redis;
    private final InstantSource clock;
    /** Queues (by key) whose latest post through this node found no subscriptions. */
    private final Cache<String, Boolean> unsubscribed = Caffeine.newBuilder()
            .executor(Runnable::run) // maintenance on the calling thread, not a common-pool task per write
            .maximumSize(100_000).build();

    RedisSubscriptionStore(RedisConnection redis, InstantSource clock) {
        this.redis = redis;
        this.clock = clock;
    }

    private static String key(String project, String source) {
        return RedisKeys.subscriptions(project, source);
    }

    private static List<String> keys(String project, String source) {
        return keys(key(project, source));
    }

    private static List<String> keys(String recordsKey) {
        return List.of(recordsKey, recordsKey + ":by", recordsKey + ":exp", SOURCES);
    }

    /** The stored form: a flat JSON object; options are kept as JSON text so Lua never re-encodes them. */
    private record Record(String id, String subscriber, int ttl, long created, long expires, String options,
                          boolean confirmed) {
        String json() {
            return write(Map.of("id", id, "subscriber", subscriber, "ttl", ttl, "created", created,
                    "expires", expires, "options", options, "confirmed", confirmed));
        }

        static Record parse(String json) {
            Map<String, Object> fields = read(json);
            return new Record((String) fields.get("id"), (String) fields.get("subscriber"),
                    ((Number) fields.get("ttl")).intValue(), ((Number) fields.get("created")).longValue(),
                    ((Number) fields.get("expires")).longValue(), (String) fields.get("options"),
                    Boolean.TRUE.equals(fields.get("confirmed")));
        }

        Subscription toSubscription(String source) {
            return new Subscription(id, source, subscriber, ttl, Instant.ofEpochMilli(created), read(options), confirmed);
        }
    }

    @Override
    public String create(String project, String source, String subscriber, int ttl, Map<String, Object> options) {
        unsubscribed.invalidate(RedisKeys.queue(project, source));
        long now = clock.millis();
        String id = java.util.UUID.randomUUID().toString().replace("-", "");
        Record record = new Record(id, subscriber, ttl, now, now + ttl * 1000L, write(options), false);
        Object created = redis.call("subscription create", jedis -> jedis.eval(CREATE, keys(project, source),
                List.of(id, subscriber, record.json(), Long.toString(now), Long.toString(record.expires()))));
        if (((Number) created).longValue() == 0) {
            throw duplicate(source, subscriber);
        }
        return id;
    }

    @Override
    public boolean mayHaveSubscriptions(String project, String source) {
        return unsubscribed.getIfPresent(RedisKeys.queue(project, source)) == null;
    }

    /** What the post script saw of the queue's subscriptions. */
    void posted(String queueKey, boolean subscribed) {
        if (subscribed) {
            unsubscribed.invalidate(queueKey);
        } else {
            unsubscribed.put(queueKey, Boolean.TRUE);
        }
    }

    /** The live record, or null. */
    private Record live(String project, String source, String id) {
        String json = redis.call("subscription get", jedis -> jedis.hget(key(project, source), id));
        if (json == null) {
            return null;
        }
        Record record = Record.parse(json);
        return record.expires() > clock.millis() ? record : null;
    }

    @Override
    public Subscription get(String project, String source, String id) {
        Record record = live(project, source, id);
        if (record == null) {
            throw notFound(source, id);
        }
        return record.toSubscription(source);
    }

    @Override
    public Subscription getBySubscriber(String project, String source, String subscriber) {
        String id = redis.call("subscription lookup", jedis -> jedis.hget(key(project, source) + ":by", subscriber));
        Record record = id == null ? null : live(project, source, id);
        return record == null ? null : record.toSubscription(source);
    }

    @Override
    public Page<Subscription> list(String project, String source, String marker, int limit) {
        long now = clock.millis();
        Map<String, String> all = redis.call("subscription list", jedis -> jedis.hgetAll(key(project, source)));
        List<Subscription> items = all.values().stream().map(Record::parse)
                .filter(r -> r.expires() > now && (marker == null || r.id().compareTo(marker) > 0))
                .sorted(Comparator.comparing(Record::id)).limit(limit)
                .map(r -> r.toSubscription(source)).toList();
        return new Page<>(new ArrayList<>(items), items.isEmpty() ? null : items.getLast().id());
    }

    @Override
    public void update(String project, String source, String id, String subscriber, Integer ttl,
                       Map<String, Object> options) {
        change(project, source, id, old -> {
            long now = clock.millis();
            return new Record(id, subscriber != null ? subscriber : old.subscriber(),
                    ttl != null ? ttl : old.ttl(), ttl != null ? now : old.created(),
                    ttl != null ? now + ttl * 1000L : old.expires(),
                    options != null ? write(options) : old.options(), old.confirmed());
        });
    }

    @Override
    public void confirm(String project, String source, String id, boolean confirmed) {
        change(project, source, id, old -> new Record(id, old.subscriber(), old.ttl(), old.created(), old.expires(),
                old.options(), confirmed));
    }

    /** Reads the record, computes the new one and stores it unless another change came first (then again). */
    private void change(String project, String source, String id, java.util.function.UnaryOperator<Record> update) {
        for (int attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
            String oldJson = redis.call("subscription get", jedis -> jedis.hget(key(project, source), id));
            Record old = oldJson == null ? null : Record.parse(oldJson);
            if (old == null || old.expires() <= clock.millis()) {
                throw notFound(source, id);
            }
            Record updated = update.apply(old);
            Object result = redis.call("subscription update", jedis -> jedis.eval(COMPARE_AND_SET, keys(project, source),
                    List.of(id, oldJson, updated.json(), old.subscriber(), updated.subscriber(),
                            Long.toString(clock.millis()), Long.toString(updated.expires()))));
            long outcome = ((Number) result).longValue();
            if (outcome == 1) {
                return;
            }
            if (outcome == -1) {
                throw duplicate(source, updated.subscriber());
            }
        }
        throw ZaqarException.unavailable("subscription " + id + " kept changing; gave up after "
                + CAS_ATTEMPTS + " attempts", null);
    }

    @Override
    public void delete(String project, String source, String id) {
        redis.call("subscription delete", jedis -> jedis.eval(DELETE, keys(project, source),
                List.of(id, Long.toString(clock.millis()))));
    }

    @Override
    public void deleteAll(String project, String source) {
        List<String> keys = keys(project, source);
        redis.call("subscription purge", jedis -> {
            jedis.del(keys.get(0), keys.get(1), keys.get(2));
            return jedis.srem(SOURCES, keys.get(0));
        });
    }

    /**
     * Removes expired subscriptions: up to {@link #PRUNE_BOUND} per source of the index, in one
     * pipelined round trip.
     *
     * @return how many were removed
     */
    long collectGarbage() {
        String now = Long.toString(clock.millis());
        return redis.call("subscription garbage collection", jedis -> {
            Set<String> sources = jedis.smembers(SOURCES);
            Pipeline pipeline = jedis.pipelined();
            List<Response<Object>> responses = new ArrayList<>(sources.size());
            for (String source : sources) {
                responses.add(pipeline.eval(SWEEP, keys(source), List.of(now)));
            }
            pipeline.sync();
            long removed = 0;
            for (Response<Object> response : responses) {
                removed += ((Number) response.get()).longValue();
            }
            return removed;
        });
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value == null ? Map.of() : value);
        } catch (JsonProcessingException e) {
            throw ZaqarException.validation("subscription options cannot be written as JSON: " + e.getOriginalMessage());
        }
    }

    private static Map<String, Object> read(String json) {
        try {
            return JSON.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw ZaqarException.unavailable("a stored subscription is not valid JSON", e);
        }
    }

    private static ZaqarException notFound(String source, String id) {
        return new ZaqarException(ErrorCode.NOT_FOUND, "Subscription " + id + " does not exist for " + source);
    }

    private static ZaqarException duplicate(String source, String subscriber) {
        return new ZaqarException(ErrorCode.CONFLICT, "Subscriber " + subscriber + " is already subscribed to " + source);
    }
}
