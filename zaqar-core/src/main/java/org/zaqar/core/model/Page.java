package org.zaqar.core.model;

import java.util.List;

/**
 * One page of a listing.
 *
 * @param items      the items of this page, in listing order
 * @param nextMarker the marker that continues after this page, or null when {@code items} is empty
 */
public record Page<T>(List<T> items, String nextMarker) {
}
