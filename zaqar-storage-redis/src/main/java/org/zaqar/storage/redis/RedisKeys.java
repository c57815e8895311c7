package org.zaqar.storage.redis;

/**
 * The key layout. Every key of one queue starts with {@code zq:{project/queue}}; the braces make
 * it a Redis Cluster hash tag, so a queue's keys share one slot and one Lua script may touch them
 * all. The Lua scripts derive the queue's other keys from that base (see {@code common.lua}).
 */
final class RedisKeys {
    static final String PREFIX = "zq:";
    /** Set of the projects that have queues; garbage collection walks it. */
    static final String PROJECTS = PREFIX + "projects";

    private RedisKeys() {
    }

    /** Hash of the queue: metadata JSON, reserved fields for the scripts, marker counter. */
    static String queue(String project, String queue) {
        return PREFIX + "{" + project(project) + "/" + queue + "}";
    }

    /** Sorted set (all scores 0, so ordered by name) of the project's queue names. */
    static String queueIndex(String project) {
        return PREFIX + "queues:" + project(project);
    }

    /** Hash of the subscriptions of a queue or topic; shares the queue's hash tag. */
    static String subscriptions(String project, String source) {
        return PREFIX + "subs:{" + project(project) + "/" + source + "}";
    }

    static String project(String project) {
        return project == null ? "" : project;
    }
}
