package org.zaqar.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Upstream's {@code create_signed_url} for one path and one method: an HMAC-SHA256, in hex, of
 * {@code paths\nmethods\nproject\nexpires} (the {@code \n} are a backslash and an n, as upstream
 * writes them in a raw string).
 */
record SignedUrl(String signature, String expires) {
    private static final DateTimeFormatter EXPIRES = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    static SignedUrl create(String key, String path, String project, Instant expiresAt, String method) {
        String expires = EXPIRES.format(expiresAt.truncatedTo(ChronoUnit.SECONDS));
        String body = path + "\\n" + method + "\\n" + project + "\\n" + expires;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return new SignedUrl(HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8))), expires);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
