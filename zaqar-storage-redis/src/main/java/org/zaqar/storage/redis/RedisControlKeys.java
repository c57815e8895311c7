package org.zaqar.storage.redis;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The key layout of the control plane (pools, flavors, catalog). Every key carries the hash tag
 * {@code {control}}, so the scripts that keep several of them consistent run in one slot.
 */
final class RedisControlKeys {
    private static final String PREFIX = "zc:{control}:";
    /** Hash: pool name to the pool as JSON. */
    static final String POOLS = PREFIX + "pools";
    /** Hash: pool uri to pool name, for unique uris. */
    static final String POOL_URIS = PREFIX + "pool-uris";
    /** Sorted set (scores 0, ordered by name) of pool names. */
    static final String POOL_NAMES = PREFIX + "pool-names";
    /** Hash: pool name to the number of queues placed on it. */
    static final String POOL_QUEUE_COUNTS = PREFIX + "pool-queue-counts";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private RedisControlKeys() {
    }

    /** Hash: flavor name to capabilities JSON, of one project. */
    static String flavors(String project) {
        return PREFIX + "flavors:" + project;
    }

    /** Sorted set of one project's flavor names. */
    static String flavorNames(String project) {
        return PREFIX + "flavor-names:" + project;
    }

    /** Set of the projects having a flavor of this name. */
    static String flavorProjects(String name) {
        return PREFIX + "flavor-projects:" + name;
    }

    /** Hash: queue name to pool name, of one project. */
    static String catalog(String project) {
        return PREFIX + "catalog:" + project;
    }

    /** Sorted set of one project's placed queue names. */
    static String catalogNames(String project) {
        return PREFIX + "catalog-names:" + project;
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not serializable", e);
        }
    }

    static Map<String, Object> read(String json) {
        try {
            return JSON.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored control-plane value is not JSON", e);
        }
    }
}
