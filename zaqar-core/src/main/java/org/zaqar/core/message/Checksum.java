package org.zaqar.core.message;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Upstream's message body checksum: {@code "MD5:" + md5(json.dumps(body))}, where the body is
 * serialized exactly as Python's {@code json.dumps} does by default (", " and ": " separators,
 * non-ASCII escaped as {@code \}{@code uXXXX}, floats in Python's repr). Computing it the same way
 * lets clients compare checksums across both servers.
 */
public final class Checksum {
    private static final HexFormat HEX = HexFormat.of();

    private Checksum() {
    }

    public static String of(JsonNode body) {
        if (body == null || body.isMissingNode()) {
            return "";
        }
        StringBuilder json = new StringBuilder();
        writePython(body, json);
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            return "MD5:" + HEX.formatHex(md5.digest(json.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JRE provides MD5", e);
        }
    }

    /** Python's {@code json.dumps(value)} with default arguments. */
    static void writePython(JsonNode node, StringBuilder out) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                out.append('{');
                Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
                boolean first = true;
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    if (!first) {
                        out.append(", ");
                    }
                    first = false;
                    writeString(field.getKey(), out);
                    out.append(": ");
                    writePython(field.getValue(), out);
                }
                out.append('}');
            }
            case ARRAY -> {
                out.append('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        out.append(", ");
                    }
                    writePython(node.get(i), out);
                }
                out.append(']');
            }
            case STRING -> writeString(node.textValue(), out);
            case BOOLEAN -> out.append(node.booleanValue() ? "true" : "false");
            case NULL -> out.append("null");
            case NUMBER -> out.append(node.isIntegralNumber() ? node.bigIntegerValue().toString()
                    : pythonFloat(node.doubleValue()));
            default -> out.append(node.toString());
        }
    }

    private static void writeString(String value, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** Python's float repr: shortest round-trip digits, "1.0" not "1", "1e+20" not "1.0E20". */
    static String pythonFloat(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        java.math.BigDecimal exact = new java.math.BigDecimal(Double.toString(value));
        String digits = exact.unscaledValue().abs().toString().replaceAll("0+$", "");
        if (digits.isEmpty()) {
            return value < 0 || 1 / value < 0 ? "-0.0" : "0.0";
        }
        // decimal exponent of the first digit
        int exponent = exact.precision() - exact.scale() - 1;
        String sign = value < 0 ? "-" : "";
        if (exponent >= 16 || exponent < -4) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
        }
        String plain = exact.abs().stripTrailingZeros().toPlainString();
        if (!plain.contains(".")) {
            plain = plain + ".0";
        }
        return sign + plain;
    }
}
