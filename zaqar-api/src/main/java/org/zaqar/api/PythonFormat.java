package org.zaqar.api;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The bits of Python that oslo.policy's checks rely on, so that rules mean what they mean there. */
final class PythonFormat {
    private static final Pattern FIELD = Pattern.compile("%(?:\\(([^)]*)\\)s|(%))");
    private static final Pattern INTEGER = Pattern.compile("[+-]?(0|[1-9][0-9]*)");

    private PythonFormat() {
    }

    /**
     * {@code text % target}: {@code %(name)s} replaced by the target's value, {@code %%} by
     * {@code %}; null where Python raises (a name the target lacks, any other conversion).
     */
    static String apply(String text, Map<String, Object> target) {
        StringBuilder out = new StringBuilder();
        Matcher matcher = FIELD.matcher(text);
        int last = 0;
        while (matcher.find()) {
            String literal = text.substring(last, matcher.start());
            if (literal.contains("%")) {
                return null;
            }
            out.append(literal);
            if (matcher.group(2) != null) {
                out.append('%');
            } else if (target.containsKey(matcher.group(1))) {
                out.append(str(target.get(matcher.group(1))));
            } else {
                return null;
            }
            last = matcher.end();
        }
        String rest = text.substring(last);
        return rest.contains("%") ? null : out.append(rest).toString();
    }

    /** {@code str(ast.literal_eval(kind))} for the literals a rule uses, or null when kind is no literal. */
    static String literal(String kind) {
        if (kind.equals("True") || kind.equals("False") || kind.equals("None")) {
            return kind;
        }
        if (INTEGER.matcher(kind).matches()) {
            return new BigInteger(kind.startsWith("+") ? kind.substring(1) : kind).toString();
        }
        if (kind.length() >= 2 && (kind.startsWith("'") && kind.endsWith("'")
                || kind.startsWith("\"") && kind.endsWith("\""))) {
            return kind.substring(1, kind.length() - 1);
        }
        return null;
    }

    /** Python's {@code str()} of a JSON-like value. */
    static String str(Object value) {
        return switch (value) {
            case null -> "None";
            case Boolean b -> b ? "True" : "False";
            case String s -> s;
            case List<?> list -> list.stream().map(PythonFormat::repr).collect(Collectors.joining(", ", "[", "]"));
            case Map<?, ?> map -> map.entrySet().stream().map(e -> repr(e.getKey()) + ": " + repr(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
            default -> value.toString();
        };
    }

    private static String repr(Object value) {
        return value instanceof String s ? "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'" : str(value);
    }
}
