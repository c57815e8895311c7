package org.zaqar.api;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Upstream's pre-signed URLs ({@code zaqar/common/urls.py}): an HMAC-SHA256, hex encoded, over
 * the sorted paths, the sorted methods, the project and the expiry (seconds precision, UTC),
 * joined by the two characters backslash and {@code n} (upstream formats a raw string).
 */
final class SignedUrls {
    static final DateTimeFormatter EXPIRES_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static final Duration DEFAULT_LIFETIME = Duration.ofDays(1);
    /** The ISO 8601 forms python-iso8601 accepts: a date, optionally a time, optionally an offset. */
    private static final Pattern ISO_8601 = Pattern.compile(
            "(\\d{4})-?(\\d{2})-?(\\d{2})(?:[T ](\\d{2}):?(\\d{2})(?::?(\\d{2})(?:[.,](\\d+))?)?)?"
                    + "\\s*(Z|[+-]\\d{2}(?::?\\d{2})?)?");
    private static final Pattern PYTHON_INT = Pattern.compile("\\s*[+-]?\\d+(?:_\\d+)*\\s*");

    /** What upstream returns from {@code create_signed_url}, in its key order. */
    record Signed(List<String> paths, List<String> methods, String project, String expires, String signature) {
    }

    private SignedUrls() {
    }

    /**
     * Signs, as upstream's {@code create_signed_url}.
     *
     * @param expires null for a day from now, else an ISO 8601 date in the future
     * @param methods null or empty for {@code ["GET"]}
     * @throws IllegalArgumentException with upstream's message when an argument is refused
     */
    static Signed create(String key, List<String> paths, String project, String expires, List<String> methods,
                         Instant now) {
        if (key == null) {
            throw new IllegalArgumentException("The `key` can't be None");
        }
        if (paths == null || paths.isEmpty()) {
            throw new IllegalArgumentException("`paths` must be a non-empty list");
        }
        List<String> sortedMethods = (methods == null || methods.isEmpty() ? List.of("GET") : methods)
                .stream().sorted().toList();
        Instant expiry = expires == null ? now.plus(DEFAULT_LIFETIME) : parseExpires(expires);
        if (!expiry.isAfter(now)) {
            throw new IllegalArgumentException("`expires` is lower than the current time");
        }
        List<String> sortedPaths = paths.stream().sorted().toList();
        String expiresText = EXPIRES_FORMAT.format(LocalDateTime.ofInstant(expiry, ZoneOffset.UTC));
        String message = String.join(",", sortedPaths) + "\\n" + String.join(",", sortedMethods) + "\\n"
                + project + "\\n" + expiresText;
        return new Signed(sortedPaths, sortedMethods, project, expiresText, hmac(key, message));
    }

    /**
     * True when {@code signature} is the one upstream would have issued for these values and has
     * not expired. The comparison is constant-time; an empty signature never verifies.
     */
    static boolean verify(String key, List<String> paths, String project, List<String> methods, String expires,
                          String signature, Instant now) {
        if (key == null || signature == null || signature.isEmpty() || expires == null) {
            return false;
        }
        Signed expected;
        try {
            expected = create(key, paths, project, expires, methods, now);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(expected.signature().getBytes(StandardCharsets.UTF_8),
                signature.getBytes(StandardCharsets.UTF_8));
    }

    /** Upstream refuses integers ("3600") and anything python-iso8601 cannot parse; offsets become UTC. */
    static Instant parseExpires(String expires) {
        if (PYTHON_INT.matcher(expires).matches()) {
            String digits = expires.strip().replace("_", "");
            if (!digits.replaceAll("[+-]", "").replace("0", "").isEmpty()) {
                throw new IllegalArgumentException("`expires` should be date format, for example "
                        + "2016-01-01T00:00:00, not integer value: " + digits.replaceFirst("^\\+", "")
                        .replaceFirst("^(-?)0+(?=\\d)", "$1"));
            }
        }
        Matcher m = ISO_8601.matcher(expires);
        if (!m.matches()) {
            throw new IllegalArgumentException("Unable to parse date string '" + expires + "'");
        }
        try {
            LocalDate date = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)));
            LocalTime time = LocalTime.MIDNIGHT;
            if (m.group(4) != null) {
                int nanos = 0;
                if (m.group(7) != null) {
                    String fraction = (m.group(7) + "000000000").substring(0, 9);
                    nanos = Integer.parseInt(fraction);
                }
                time = LocalTime.of(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                        m.group(6) == null ? 0 : Integer.parseInt(m.group(6)), nanos);
            }
            ZoneOffset offset = ZoneOffset.UTC;
            String zone = m.group(8);
            if (zone != null && !zone.equals("Z")) {
                offset = ZoneOffset.of(zone.length() == 3 ? zone : zone.substring(0, 3) + ":"
                        + zone.substring(zone.length() - 2));
            }
            return LocalDateTime.of(date, time).toInstant(offset);
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("Unable to parse date string '" + expires + "'", e);
        }
    }

    private static String hmac(String key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
            // The JDK refuses an empty HMAC key; HMAC pads any key to the block size with zeros anyway.
            mac.init(new SecretKeySpec(keyBytes.length == 0 ? new byte[1] : keyBytes, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
