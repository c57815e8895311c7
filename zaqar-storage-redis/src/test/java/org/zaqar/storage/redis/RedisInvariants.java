package org.zaqar.storage.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.resps.Tuple;

/**
 * Structural invariants of the key layout, checked after every contract test (as Caffeine checks
 * its cache after each test): every message is in exactly one of free / delayed / claimed, the
 * indexes agree with the message hashes, and no key is left without its queue.
 */
final class RedisInvariants {

    private RedisInvariants() {
    }

    static void assertHold(int port, String... projects) {
        try (Jedis jedis = new Jedis("127.0.0.1", port)) {
        for (String project : projects) {
                check(jedis, project);
            }
        }
    }

    private static void check(Jedis jedis, String project) {
        Set<String> indexed = new HashSet<>(jedis.zrange(RedisKeys.queueIndex(project), 0, -1));
        Set<String> bases = new HashSet<>();
        for (String key : jedis.keys(RedisKeys.PREFIX + "{" + project + "/*")) {
            bases.add(key.substring(0, key.indexOf('}') + 1));
        }
        for (String name : indexed) {
            assertTrue(jedis.exists(RedisKeys.queue(project, name)), "indexed queue " + name + " has its hash");
        }
        for (String base : bases) {
            String name = base.substring(base.indexOf('/') + 1, base.length() - 1);
            assertTrue(indexed.contains(name), "keys of " + base + " belong to an indexed queue");
            checkQueue(jedis, base);
        }
        assertEquals(!indexed.isEmpty(), jedis.sismember(RedisKeys.PROJECTS, project),
                "the projects set lists exactly the projects with queues");
    }

    private static void checkQueue(Jedis jedis, String base) {
        Map<String, Double> all = scores(jedis, base + ":all");
        Map<String, Double> expiry = scores(jedis, base + ":expiry");
        Map<String, Double> free = scores(jedis, base + ":free");
        Map<String, Double> delayed = scores(jedis, base + ":delayed");
        Map<String, Double> claimed = scores(jedis, base + ":claimed");
        Set<String> messages = jedis.hkeys(base + ":msg");
        assertEquals(all.keySet(), messages, base + ": every message is indexed once, every index entry has its data");
        assertEquals(all.keySet(), expiry.keySet(), base + ": every message has an expiry");
        Set<String> union = new HashSet<>(free.keySet());
        union.addAll(delayed.keySet());
        union.addAll(claimed.keySet());
        assertEquals(all.keySet(), union, base + ": every message is free, delayed or claimed");
        assertEquals(all.size(), free.size() + delayed.size() + claimed.size(),
                base + ": no message is in two of free, delayed, claimed");
        for (Map.Entry<String, Double> entry : free.entrySet()) {
            assertEquals(all.get(entry.getKey()), entry.getValue(), base + ": free score is the marker of " + entry.getKey());
        }
        Set<String> holders = jedis.hkeys(base + ":cl");
        assertTrue(claimed.keySet().containsAll(holders), base + ": only claimed messages name a claim");
        assertEquals(claimed.keySet(), holders, base + ": every claimed message names its claim");
        assertTrue(all.keySet().containsAll(jedis.hkeys(base + ":cc")), base + ": claim counts only of messages");
        for (String claim : jedis.zrange(base + ":claims", 0, -1)) {
            assertTrue(jedis.exists(base + ":c:" + claim), base + ": indexed claim " + claim + " has its key");
        }
        for (String key : jedis.keys(base + ":c:*")) {
            assertTrue(jedis.pttl(key) > 0, base + ": claim key " + key + " expires by itself");
        }
    }

    private static Map<String, Double> scores(Jedis jedis, String key) {
        Map<String, Double> scores = new HashMap<>();
        List<Tuple> tuples = jedis.zrangeWithScores(key, 0, -1);
        for (Tuple tuple : tuples) {
            scores.put(tuple.getElement(), tuple.getScore());
        }
        return scores;
    }
}
