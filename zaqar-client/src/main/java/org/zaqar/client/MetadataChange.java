package org.zaqar.client;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One operation of a queue metadata update, sent as a JSON patch
 * ({@code application/openstack-messaging-v2.0-json-patch}) on {@code /metadata/KEY}.
 *
 * @param operation "add", "replace" or "remove"
 * @param value     the new value; ignored by "remove"
 */
public record MetadataChange(String operation, String key, Object value) {
    /** Sets {@code key}, whether it exists or not. */
    public static MetadataChange add(String key, Object value) {
        return new MetadataChange("add", key, value);
    }

    /** Sets {@code key}, which must exist (else the server answers 409). */
    public static MetadataChange replace(String key, Object value) {
        return new MetadataChange("replace", key, value);
    }

    /** Removes {@code key}, which must exist (else the server answers 409). */
    public static MetadataChange remove(String key) {
        return new MetadataChange("remove", key, null);
    }

    Map<String, Object> toPatch() {
        Map<String, Object> patch = new LinkedHashMap<>();
        patch.put("op", operation);
        patch.put("path", "/metadata/" + key.replace("~", "~0").replace("/", "~1"));
        if (!operation.equals("remove")) {
            patch.put("value", value);
        }
        return patch;
    }
}
