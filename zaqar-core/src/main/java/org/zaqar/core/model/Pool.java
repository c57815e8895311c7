package org.zaqar.core.model;

import java.util.Map;

/**
 * A storage pool: a message store queues can be placed on.
 *
 * @param name    unique name
 * @param weight  share of new queues the pool receives, relative to the other candidate pools (0 = none)
 * @param uri     the store's URI, e.g. {@code redis://host:6379} or {@code sqlite:///var/zaqar/p1.db}; unique
 * @param flavor  the flavor the pool serves, or null when it serves queues without a flavor
 * @param options driver options, stored as given
 */
public record Pool(String name, long weight, String uri, String flavor, Map<String, Object> options) {
    public Pool {
        options = options == null ? Map.of() : options;
        flavor = flavor == null || flavor.isEmpty() ? null : flavor;
    }
}
