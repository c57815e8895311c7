package org.zaqar.core.validation;

import java.util.HexFormat;
import java.util.Locale;

/** UUID text in every form Python's {@code uuid.UUID(str)} accepts (braces, dashes, urn prefix). */
public final class Uuids {
    private Uuids() {
    }

    /** @return the canonical lower-case form, or null when {@code text} is not a UUID */
    public static String parse(String text) {
        if (text == null) {
            return null;
        }
        if (isCanonical(text)) {
            return text; // what nearly every client sends: skip the rewriting below
        }
        String hex = text.replace("urn:", "").replace("uuid:", "");
        hex = hex.replaceAll("^[{}]+|[{}]+$", "").replace("-", "");
        if (hex.length() != 32 || !hex.chars().allMatch(HexFormat::isHexDigit)) {
            return null;
        }
        hex = hex.toLowerCase(Locale.ROOT);
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
    }

    private static boolean isCanonical(String text) {
        if (text.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = text.charAt(i);
            boolean ok = i == 8 || i == 13 || i == 18 || i == 23 ? c == '-' : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
