package org.zaqar.core.model;

import java.util.Map;

/**
 * A validated queue listing request.
 *
 * @param marker         list queues whose name sorts after this one; null starts at the beginning
 * @param limit          at most this many queues
 * @param detailed       include each queue's metadata
 * @param name           only queues whose name contains this text; null for all
 * @param metadataFilter only queues whose metadata holds every one of these key/value pairs; empty for all
 */
public record QueueListQuery(String marker, int limit, boolean detailed, String name,
                             Map<String, Object> metadataFilter) {
}
