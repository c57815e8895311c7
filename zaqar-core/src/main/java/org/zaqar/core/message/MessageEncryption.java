package org.zaqar.core.message;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.zaqar.core.error.ZaqarException;

/**
 * Message body encryption for queues with {@code _enable_encrypt_messages}: AES-256-GCM with the
 * key derived as upstream derives it (SHA-256 of {@code [transport] message_encryption_key}).
 * A body is stored as the JSON string {@code "zaqar-aes256gcm:v1:KEYID:BASE64"}, where KEYID names
 * the key (the first 8 hex digits of the SHA-256 of the derived key, not a secret) and BASE64 is
 * the 12-byte nonce followed by ciphertext and tag. The project and queue are authenticated with
 * it, so a stored body cannot be moved to another queue. Old keys listed in
 * {@code message_encryption_previous_keys} still decrypt, so the key can be rotated.
 */
public final class MessageEncryption {
    /** The only algorithm upstream offers, by its option value. */
    public static final String AES256 = "AES256";
    private static final String PREFIX = "zaqar-aes256gcm:v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final String currentKeyId;
    private final Map<String, SecretKeySpec> keys;
    private final SecureRandom random = new SecureRandom();

    private MessageEncryption(String currentKeyId, Map<String, SecretKeySpec> keys) {
        this.currentKeyId = currentKeyId;
        this.keys = keys;
    }

    /**
     * @param algorithm    {@code message_encryption_algorithms}; only AES256
     * @param key          {@code message_encryption_key}; null or empty disables encryption (returns null)
     * @param previousKeys keys that may still have encrypted stored messages
     */
    public static MessageEncryption create(String algorithm, String key, List<String> previousKeys) {
        if (key == null || key.isEmpty()) {
            return null;
        }
        if (!AES256.equals(algorithm)) {
            throw ZaqarException.validation("[transport] message_encryption_algorithms = '" + algorithm
                    + "' is not supported (only AES256)");
        }
        Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
        List<String> all = new ArrayList<>();
        all.add(key);
        all.addAll(previousKeys);
        String current = null;
        for (String configured : all) {
            byte[] derived = sha256(configured.getBytes(StandardCharsets.UTF_8));
            String id = HexFormat.of().formatHex(sha256(derived), 0, 4);
            keys.putIfAbsent(id, new SecretKeySpec(derived, "AES"));
            if (current == null) {
                current = id;
            }
        }
        return new MessageEncryption(current, Map.copyOf(keys));
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** The stored form of a body (JSON text in, JSON text out: a JSON string). */
    public String encrypt(String project, String queue, String bodyJson) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(project, queue, currentKeyId));
            byte[] sealed = cipher.doFinal(bodyJson.getBytes(StandardCharsets.UTF_8));
            byte[] stored = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
            return "\"" + PREFIX + currentKeyId + ":" + Base64.getEncoder().encodeToString(stored) + "\"";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM encryption failed", e);
        }
    }

    /**
     * The body as posted when {@code storedJson} is one of ours, else {@code storedJson} unchanged
     * (a plain body, even one that merely looks like ours, is returned as stored, and so is one
     * sealed with a key this server no longer has).
     */
    public String decrypt(String project, String queue, String storedJson) {
        if (storedJson == null || !storedJson.startsWith("\"" + PREFIX) || !storedJson.endsWith("\"")) {
            return storedJson;
        }
        String inner = storedJson.substring(1 + PREFIX.length(), storedJson.length() - 1);
        int colon = inner.indexOf(':');
        if (colon < 0) {
            return storedJson;
        }
        String keyId = inner.substring(0, colon);
        SecretKeySpec key = keys.get(keyId);
        byte[] stored;
        try {
            stored = Base64.getDecoder().decode(inner.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            return storedJson;
        }
        if (key == null || stored.length <= NONCE_BYTES) {
            // Unknown key: a key rotated away without being kept in the previous keys, or a
            // client's string that looks like ours. Either way the stored text is all there is.
            return storedJson;
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData(project, queue, keyId));
            byte[] plain = cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            // Not sealed by us for this queue: a client's own string that looks like ours.
            return storedJson;
        }
    }

    private static byte[] associatedData(String project, String queue, String keyId) {
        return (PREFIX + keyId + "\n" + project + "\n" + queue).getBytes(StandardCharsets.UTF_8);
    }
}
