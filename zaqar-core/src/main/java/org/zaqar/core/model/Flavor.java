package org.zaqar.core.model;

import java.util.Map;

/**
 * A flavor: a named class of storage a project's queues can ask for with the {@code _flavor}
 * queue metadata. The pools serving it are those whose {@link Pool#flavor()} names it.
 *
 * @param project      the project owning the flavor
 * @param name         unique within the project
 * @param capabilities stored as given
 */
public record Flavor(String project, String name, Map<String, Object> capabilities) {
    public Flavor {
        capabilities = capabilities == null ? Map.of() : capabilities;
    }
}
