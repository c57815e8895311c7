package org.zaqar.core.model;

import java.util.Map;

/** A queue in a listing; metadata is null unless a detailed listing was asked for. */
public record QueueInfo(String name, Map<String, Object> metadata) {
}
