package org.zaqar.storage.redis;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.core.model.Page;
import org.zaqar.core.model.QueueInfo;
import org.zaqar.core.model.QueueListQuery;
import org.zaqar.core.model.QueueStats;
import org.zaqar.core.model.ReservedMetadata;
import org.zaqar.core.storage.QueueStore;

import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;

/**
 * Queues: a hash per queue ({@link RedisKeys#queue}) holding the metadata JSON, the reserved
 * fields the claim script needs (max claim count, dead-letter queue and ttl) and the marker
 * counter, plus a per-project sorted set of names for listing. The metadata posts are built from
 * is cached on this node; the post script checks it is still the queue's (see {@link #postingMetadataJson}).
 */
final class RedisQueueStore implements QueueStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    /** Larger metadata is not cached: the post script would compare it on every post. */
    private static final int CACHED_METADATA_MAX_CHARS = 1024;

    private final RedisConnection redis;
    private final InstantSource clock;
    /** Metadata recently read for posts, by queue key, with the JSON it was parsed from. */
    private final Cache<String, PostingMetadata> postingMetadata = Caffeine.newBuilder()
            .executor(Runnable::run) // maintenance on the calling thread, not a common-pool task per write
            .maximumSize(10_000).expireAfterAccess(Duration.ofMinutes(1)).build();

    private record PostingMetadata(Map<String, Object> metadata, String json) {
    }

    RedisQueueStore(RedisConnection redis, InstantSource clock) {
        this.redis = redis;
        this.clock = clock;
    }

    @Override
    public boolean create(String project, String name, Map<String, Object> metadata) {
        forget(RedisKeys.queue(project, name));
        List<String> args = new ArrayList<>(List.of(name, RedisKeys.project(project), toJson(metadata)));
        args.addAll(reservedFields(metadata));
        Object created = redis.eval(RedisScript.QUEUE_CREATE,
                List.of(RedisKeys.queue(project, name), RedisKeys.queueIndex(project), RedisKeys.PROJECTS), args);
        return RedisReplies.number(created) == 1;
    }

    @Override
    public boolean exists(String project, String name) {
        String key = RedisKeys.queue(project, name);
        return redis.call("queue exists", jedis -> jedis.exists(key));
    }

    @Override
    public Map<String, Object> getMetadata(String project, String name) {
        return fromJson(metadataJson(project, name));
    }

    private String metadataJson(String project, String name) {
        String key = RedisKeys.queue(project, name);
        String json = redis.call("queue get", jedis -> jedis.hget(key, "meta"));
        if (json == null) {
            throw ZaqarException.queueDoesNotExist(project, name);
        }
        return json;
    }

    @Override
    public Map<String, Object> metadataForPosting(String project, String name) {
        String key = RedisKeys.queue(project, name);
        PostingMetadata cached = postingMetadata.getIfPresent(key);
        if (cached != null) {
            return cached.metadata();
        }
        String json = metadataJson(project, name);
        Map<String, Object> metadata = Collections.unmodifiableMap(fromJson(json));
        if (json.length() <= CACHED_METADATA_MAX_CHARS) {
            postingMetadata.put(key, new PostingMetadata(metadata, json));
        }
        return metadata;
    }

    /**
     * The metadata JSON that posts to the queue may have been built from, "" when none is cached:
     * the post script refuses the post when the queue's metadata is no longer exactly that.
     */
    String postingMetadataJson(String key) {
        PostingMetadata cached = postingMetadata.getIfPresent(key);
        return cached == null ? "" : cached.json();
    }

    /** Drops what this node cached of the queue, after a change or a refused post. */
    void forget(String key) {
        postingMetadata.invalidate(key);
    }

    @Override
    public void setMetadata(String project, String name, Map<String, Object> metadata) {
        forget(RedisKeys.queue(project, name));
        List<String> args = new ArrayList<>(List.of(toJson(metadata)));
        args.addAll(reservedFields(metadata));
        Object updated = redis.eval(RedisScript.QUEUE_SET_METADATA, List.of(RedisKeys.queue(project, name)), args);
        if (RedisReplies.number(updated) == 0) {
            throw ZaqarException.queueDoesNotExist(project, name);
        }
    }

    @Override
    public void delete(String project, String name) {
        forget(RedisKeys.queue(project, name));
        redis.eval(RedisScript.QUEUE_DELETE,
                List.of(RedisKeys.queue(project, name), RedisKeys.queueIndex(project), RedisKeys.PROJECTS),
                List.of(name, RedisKeys.project(project)));
    }

    @Override
    public Page<QueueInfo> list(String project, QueueListQuery query) {
        String index = RedisKeys.queueIndex(project);
        boolean needMetadata = query.detailed() || (query.metadataFilter() != null && !query.metadataFilter().isEmpty());
        int batch = Math.max(query.limit(), 20);
        List<QueueInfo> items = new ArrayList<>();
        String from = query.marker() == null || query.marker().isEmpty() ? "-" : "(" + query.marker();
        while (items.size() < query.limit()) {
            String start = from;
            List<String> names = redis.call("queue list", jedis -> jedis.zrangeByLex(index, start, "+", 0, batch));
            if (names.isEmpty()) {
                break;
            }
            List<String> candidates = names.stream()
                    .filter(name -> query.name() == null || name.contains(query.name()))
                    .toList();
            List<String> metadata = needMetadata ? fetchMetadata(project, candidates) : null;
            for (int i = 0; i < candidates.size() && items.size() < query.limit(); i++) {
                if (!needMetadata) {
                    items.add(new QueueInfo(candidates.get(i), null));
                    continue;
                }
                if (metadata.get(i) == null) {
                    continue; // deleted meanwhile
                }
                Map<String, Object> meta = fromJson(metadata.get(i));
                if (matches(meta, query.metadataFilter())) {
                    items.add(new QueueInfo(candidates.get(i), query.detailed() ? meta : null));
                }
            }
            from = "(" + names.getLast();
            if (names.size() < batch) {
                break;
            }
        }
        return new Page<>(items, items.isEmpty() ? null : items.getLast().name());
    }

    private List<String> fetchMetadata(String project, List<String> names) {
        if (names.isEmpty()) {
            return List.of();
        }
        return redis.call("queue list", jedis -> {
            Pipeline pipeline = jedis.pipelined();
            List<Response<String>> responses = new ArrayList<>(names.size());
            for (String name : names) {
                responses.add(pipeline.hget(RedisKeys.queue(project, name), "meta"));
            }
            pipeline.sync();
            return responses.stream().map(Response::get).toList();
        });
    }

    private static boolean matches(Map<String, Object> metadata, Map<String, Object> filter) {
        if (filter == null) {
            return true;
        }
        for (Map.Entry<String, Object> entry : filter.entrySet()) {
            Object value = metadata.get(entry.getKey());
            Object wanted = entry.getValue();
            if (value instanceof Number a && wanted instanceof Number b) {
                if (new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) != 0) {
                    return false;
                }
            } else if (!Objects.equals(value, wanted)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public long count(String project) {
        String index = RedisKeys.queueIndex(project);
        return redis.call("queue count", jedis -> jedis.zcard(index));
    }

    @Override
    public QueueStats stats(String project, String name) {
        List<?> reply = RedisReplies.list(redis.eval(RedisScript.STATS, List.of(RedisKeys.queue(project, name)),
                List.of(Long.toString(clock.millis()))));
        if (reply.isEmpty()) {
            throw ZaqarException.queueDoesNotExist(project, name);
        }
        long total = RedisReplies.number(reply.get(0));
        long claimed = RedisReplies.number(reply.get(1));
        return new QueueStats(total - claimed, claimed, total, ref(reply.get(2)), ref(reply.get(3)));
    }

    private static QueueStats.MessageRef ref(Object tuple) {
        String text = RedisReplies.text(tuple);
        if (text.isEmpty()) {
            return null;
        }
        int space = text.indexOf(' ');
        return new QueueStats.MessageRef(text.substring(0, space),
                Instant.ofEpochMilli(Long.parseLong(text.substring(space + 1))));
    }

    /** max claim count, dead-letter queue, dead-letter ttl; '' when unset or not usable. */
    static List<String> reservedFields(Map<String, Object> metadata) {
        Object maxClaims = metadata == null ? null : metadata.get(ReservedMetadata.MAX_CLAIM_COUNT);
        Object deadLetterQueue = metadata == null ? null : metadata.get(ReservedMetadata.DEAD_LETTER_QUEUE);
        Object deadLetterTtl = metadata == null ? null : metadata.get(ReservedMetadata.DEAD_LETTER_QUEUE_MESSAGES_TTL);
        return List.of(
                maxClaims instanceof Number n ? Long.toString(n.longValue()) : "",
                deadLetterQueue instanceof String s && !s.isEmpty() ? s : "",
                deadLetterTtl instanceof Number n && n.longValue() > 0 ? Long.toString(n.longValue()) : "");
    }

    static String toJson(Map<String, Object> metadata) {
        try {
            return JSON.writeValueAsString(metadata == null ? Map.of() : metadata);
        } catch (JsonProcessingException e) {
            throw ZaqarException.validation("queue metadata cannot be written as JSON: " + e.getOriginalMessage());
        }
    }

    static Map<String, Object> fromJson(String json) {
        try {
            return JSON.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw ZaqarException.unavailable("stored queue metadata is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
