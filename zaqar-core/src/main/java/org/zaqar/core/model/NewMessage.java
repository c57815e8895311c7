package org.zaqar.core.model;

/**
 * A message as posted, after validation and defaults were applied.
 *
 * @param body     the message body as JSON text, stored and returned verbatim
 * @param ttl      seconds the message lives after it was posted
 * @param delay    seconds before the message becomes visible to claims and default listings
 * @param checksum MD5 of the body as upstream computes it, or null when checksums are off
 */
public record NewMessage(String body, int ttl, int delay, String checksum) {
}
