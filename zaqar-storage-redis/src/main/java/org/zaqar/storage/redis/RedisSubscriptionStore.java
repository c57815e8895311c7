package org.zaqar.storage.redis;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

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

/**
 * Subscriptions of one source in two hashes sharing a hash tag: {@code zq:subs:{project/source}}
 * maps id to the subscription's JSON record, and its {@code :by} twin maps subscriber to id. Every
 * change is one Lua script (create checks the subscriber is free; updates compare and set the
 * record read before), so concurrent API nodes cannot create duplicates or lose a change.
 */
final class RedisSubscriptionStore implements SubscriptionStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final int CAS_ATTEMPTS = 10;

    /** Live record of another id holds the subscriber: 0. Otherwise stores the new record: 1. */
    private static final String CREATE = """
            local existing = redis.call('HGET', KEYS[2], ARGV[2])
            if existing then
              local record = redis.call('HGET', KEYS[1], existing)
              if record and tonumber(cjson.decode(record)['expires']) > tonumber(ARGV[4]) then return 0 end
              redis.call('HDEL', KEYS[1], existing)
            end
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
            redis.call('HSET', KEYS[2], ARGV[2], ARGV[1])
            return 1
            """;
    /** 0 when the record changed meanwhile, -1 when the new subscriber is taken, 1 when stored. */
    private static final String COMPARE_AND_SET = """
            if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[2] then return 0 end
            if ARGV[4] ~= ARGV[5] then
              local other = redis.call('HGET', KEYS[2], ARGV[5])
              if other and other ~= ARGV[1] then
                local record = redis.call('HGET', KEYS[1], other)
                if record and tonumber(cjson.decode(record)['expires']) > tonumber(ARGV[6]) then return -1 end
                redis.call('HDEL', KEYS[1], other)
              end
              redis.call('HDEL', KEYS[2], ARGV[4])
              redis.call('HSET', KEYS[2], ARGV[5], ARGV[1])
            end
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
            return 1
            """;
    private static final String DELETE = """
            local record = redis.call('HGET', KEYS[1], ARGV[1])
            if not record then return 0 end
            local subscriber = cjson.decode(record)['subscriber']
            if redis.call('HGET', KEYS[2], subscriber) == ARGV[1] then redis.call('HDEL', KEYS[2], subscriber) end
            return redis.call('HDEL', KEYS[1], ARGV[1])
            """;

    private final RedisConnection redis;
    private final InstantSource clock;
    /** Queues (by key) whose latest post through this node found no subscriptions. */
    private final Cache<String, Boolean> unsubscribed = Caffeine.newBuilder().maximumSize(100_000).build();

    RedisSubscriptionStore(RedisConnection redis, InstantSource clock) {
        this.redis = redis;
        this.clock = clock;
    }

    private static String key(String project, String source) {
        return RedisKeys.subscriptions(project, source);
    }

    private static List<String> keys(String project, String source) {
        String key = key(project, source);
        return List.of(key, key + ":by");
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
                List.of(id, subscriber, record.json(), Long.toString(now))));
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
                            Long.toString(clock.millis()))));
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
        redis.call("subscription delete", jedis -> jedis.eval(DELETE, keys(project, source), List.of(id)));
    }

    @Override
    public void deleteAll(String project, String source) {
        List<String> keys = keys(project, source);
        redis.call("subscription purge", jedis -> jedis.del(keys.get(0), keys.get(1)));
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
