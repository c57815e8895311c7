package org.zaqar.core.validation;

/**
 * One validated change of a queue PATCH (upstream's JSON-patch draft 10 subset).
 *
 * @param op    add, replace or remove
 * @param key   the metadata key the pointer names ({@code /metadata/KEY})
 * @param value the new value; null for remove (and for a JSON null)
 */
public record PatchOperation(String op, String key, Object value) {
}
