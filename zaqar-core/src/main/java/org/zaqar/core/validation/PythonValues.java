package org.zaqar.core.validation;

import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;

/**
 * Upstream checks JSON values with Python's rules: {@code bool} is an {@code int}, and "falsy"
 * values (0, "", [], {}, false, null) skip some checks. These helpers state those rules once.
 */
final class PythonValues {
    private PythonValues() {
    }

    /** Python's {@code isinstance(value, int)}: integers and booleans. */
    static boolean isInt(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof BigInteger
                || value instanceof Short || value instanceof Byte || value instanceof Boolean;
    }

    /** The integer value of an {@link #isInt} value, clamped to the long range. */
    static long intValue(Object value) {
        if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (value instanceof BigInteger big) {
            return big.signum() > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
        return ((Number) value).longValue();
    }

    /** Python's truth value. */
    static boolean truthy(Object value) {
        return switch (value) {
            case null -> false;
            case Boolean b -> b;
            case Number n -> n.doubleValue() != 0 || (n instanceof BigInteger big && big.signum() != 0);
            case CharSequence s -> !s.isEmpty();
            case Collection<?> c -> !c.isEmpty();
            case Map<?, ?> m -> !m.isEmpty();
            default -> true;
        };
    }

    /** The JSON type of a decoded value, for error messages: "null", "a boolean", "a number", "a list", "an object". */
    static String typeName(Object value) {
        return switch (value) {
            case null -> "null";
            case Boolean b -> "a boolean";
            case Number n -> "a number";
            case CharSequence s -> "a string";
            case Collection<?> c -> "a list";
            case Map<?, ?> m -> "an object";
            default -> value.getClass().getSimpleName();
        };
    }
}
