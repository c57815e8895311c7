package org.zaqar.storage.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One Lua script: {@code common.lua} followed by the script's own file. Its SHA-1 is computed here,
 * so calls go straight to EVALSHA; {@link RedisConnection} falls back to EVAL (which also caches
 * the script in Redis) when the server answers NOSCRIPT, e.g. after a restart.
 */
enum RedisScript {
    POST("post"),
    LIST("list"),
    GET("get"),
    DELETE("delete"),
    BULK_DELETE("bulk_delete"),
    POP("pop"),
    PURGE("purge"),
    STATS("stats"),
    SWEEP("sweep"),
    CLAIM_CREATE("claim_create"),
    CLAIM_GET("claim_get"),
    CLAIM_UPDATE("claim_update"),
    CLAIM_DELETE("claim_delete"),
    QUEUE_CREATE("queue_create"),
    QUEUE_SET_METADATA("queue_set_metadata"),
    QUEUE_DELETE("queue_delete");

    private final String fileName;
    private final String source;
    private final String sha;

    RedisScript(String fileName) {
        this.fileName = fileName;
        this.source = read("common") + "\n" + read(fileName);
        this.sha = sha1(source);
    }

    String source() {
        return source;
    }

    String sha() {
        return sha;
    }

    String fileName() {
        return fileName;
    }

    private static String read(String name) {
        String resource = name + ".lua";
        try (InputStream in = RedisScript.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Lua script " + resource + " is missing from the redis driver's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Lua script " + resource, e);
        }
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JRE provides SHA-1", e);
        }
    }
}
