package org.zaqar.client;

/**
 * Which messages a listing returns.
 *
 * @param echo           include the messages this client (its Client-ID) posted itself
 * @param includeClaimed include messages under a claim
 * @param marker         start after this marker (from {@link Page#nextMarker()}), or null
 * @param limit          at most this many (the server's default is 10), or null
 */
public record MessageQuery(boolean echo, boolean includeClaimed, String marker, Integer limit) {
    /** Not echoed, unclaimed only, from the start, the server's default limit: upstream's defaults. */
    public static MessageQuery defaults() {
        return new MessageQuery(false, false, null, null);
    }

    /** This query, with {@code echo} set. */
    public MessageQuery withEcho(boolean value) {
        return new MessageQuery(value, includeClaimed, marker, limit);
    }

    /** This query, with {@code includeClaimed} set. */
    public MessageQuery withIncludeClaimed(boolean value) {
        return new MessageQuery(echo, value, marker, limit);
    }

    /** This query, starting after {@code value}. */
    public MessageQuery withMarker(String value) {
        return new MessageQuery(echo, includeClaimed, value, limit);
    }

    /** This query, returning at most {@code value} messages. */
    public MessageQuery withLimit(int value) {
        return new MessageQuery(echo, includeClaimed, marker, value);
    }
}
