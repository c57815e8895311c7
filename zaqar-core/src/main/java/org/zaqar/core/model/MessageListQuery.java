package org.zaqar.core.model;

/**
 * A validated message listing request.
 *
 * @param marker          continue after the message this marker (a previous page's next marker) names; null from the start
 * @param limit           at most this many messages
 * @param echo            include messages posted by {@code clientId} itself
 * @param clientId        the listing client's id; when null, {@code echo} has no effect
 * @param includeClaimed  include messages held by a live claim
 * @param includeDelayed  include messages whose delay has not passed yet
 */
public record MessageListQuery(String marker, int limit, boolean echo, String clientId,
                               boolean includeClaimed, boolean includeDelayed) {
}
