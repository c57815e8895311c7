package org.zaqar.api;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.zaqar.core.error.ZaqarException;

/**
 * Private keys in the PEM forms OpenStack deployments use: PKCS#8 ({@code BEGIN PRIVATE KEY}, RSA,
 * EC or Ed25519) and PKCS#1 RSA ({@code BEGIN RSA PRIVATE KEY}, what {@code openssl genrsa}
 * wrote for years), which the JDK reads once wrapped in PKCS#8. Encrypted keys are refused.
 */
final class PemKeys {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z ]*PRIVATE KEY)-----([A-Za-z0-9+/=\\s]+?)-----END \\1-----");
    /** DER of the AlgorithmIdentifier rsaEncryption (1.2.840.113549.1.1.1) with NULL parameters. */
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
        (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

    private PemKeys() {
    }

    /**
     * @param pem   the file's text
     * @param where the option and file, for error messages
     * @throws ZaqarException VALIDATION_FAILED when no usable key is there
     */
    static PrivateKey privateKey(String pem, String where) {
        Matcher block = BLOCK.matcher(pem);
        if (!block.find()) {
            throw ZaqarException.validation(where + " holds no PEM private key (-----BEGIN PRIVATE KEY-----)");
        }
        byte[] der = Base64.getMimeDecoder().decode(block.group(2).strip());
        byte[] pkcs8 = switch (block.group(1)) {
            case "PRIVATE KEY" -> der;
            case "RSA PRIVATE KEY" -> rsaPkcs8(der);
            default -> throw ZaqarException.validation(where + " holds a " + block.group(1) + ", which is not "
                    + "supported; convert it with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8");
        };
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "EdDSA")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            } catch (GeneralSecurityException e) {
                // not this algorithm: try the next
            }
        }
        throw ZaqarException.validation(where + " holds a private key of an algorithm other than RSA, EC or Ed25519");
    }

    /** PrivateKeyInfo ::= SEQUENCE { version 0, rsaEncryption, OCTET STRING (the PKCS#1 key) }. */
    private static byte[] rsaPkcs8(byte[] pkcs1) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0x02, 0x01, 0x00});
        body.writeBytes(RSA_ALGORITHM);
        body.write(0x04);
        body.writeBytes(derLength(pkcs1.length));
        body.writeBytes(pkcs1);
        ByteArrayOutputStream info = new ByteArrayOutputStream();
        info.write(0x30);
        info.writeBytes(derLength(body.size()));
        info.writeBytes(body.toByteArray());
        return info.toByteArray();
    }

    private static byte[] derLength(int length) {
        if (length < 0x80) {
            return new byte[] {(byte) length};
        }
        if (length < 0x100) {
            return new byte[] {(byte) 0x81, (byte) length};
        }
        if (length < 0x10000) {
            return new byte[] {(byte) 0x82, (byte) (length >> 8), (byte) length};
        }
        return new byte[] {(byte) 0x83, (byte) (length >> 16), (byte) (length >> 8), (byte) length};
    }
}
