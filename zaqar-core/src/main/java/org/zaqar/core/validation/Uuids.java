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
        String hex = text.replace("urn:", "").replace("uuid:", "");
        hex = hex.replaceAll("^[{}]+|[{}]+$", "").replace("-", "");
        if (hex.length() != 32 || !hex.chars().allMatch(HexFormat::isHexDigit)) {
            return null;
        }
        hex = hex.toLowerCase(Locale.ROOT);
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
    }
}
