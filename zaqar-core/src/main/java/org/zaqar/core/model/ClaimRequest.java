package org.zaqar.core.model;

/**
 * A validated claim request.
 *
 * @param ttl   seconds the claim lives
 * @param grace seconds claimed messages must outlive the claim
 * @param limit at most this many messages
 */
public record ClaimRequest(int ttl, int grace, int limit) {
}
