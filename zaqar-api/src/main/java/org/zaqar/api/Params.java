package org.zaqar.api;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.javalin.http.Context;

/**
 * Query parameters read as upstream's falcon does ({@code auto_parse_qs_csv}, blank values
 * ignored): the last value wins, lists are comma separated, booleans accept falcon's words.
 */
final class Params {
    private static final Set<String> TRUE = Set.of("true", "True", "t", "yes", "y", "1", "on");
    private static final Set<String> FALSE = Set.of("false", "False", "f", "no", "n", "0", "off");

    private Params() {
    }

    static String string(Context ctx, String name) {
        List<String> values = ctx.queryParams(name);
        for (int i = values.size() - 1; i >= 0; i--) {
            if (!values.get(i).isEmpty()) {
                return values.get(i);
            }
        }
        return null;
    }

    /** An integer parameter; values beyond the int range are clamped so range checks still reject them. */
    static Integer integer(Context ctx, String name) {
        String raw = string(ctx, name);
        if (raw == null) {
            return null;
        }
        try {
            BigInteger value = new BigInteger(raw.strip());
            return value.max(BigInteger.valueOf(Integer.MIN_VALUE)).min(BigInteger.valueOf(Integer.MAX_VALUE)).intValue();
        } catch (NumberFormatException e) {
            throw ApiError.invalidParameter(name, "The value must be an integer.");
        }
    }

    static Boolean bool(Context ctx, String name) {
        String raw = string(ctx, name);
        if (raw == null) {
            return null;
        }
        if (TRUE.contains(raw)) {
            return true;
        }
        if (FALSE.contains(raw)) {
            return false;
        }
        throw ApiError.invalidParameter(name, "The value of the parameter must be \"true\" or \"false\".");
    }

    /** A comma-separated list; null when the parameter is absent or has no non-blank item. */
    static List<String> list(Context ctx, String name) {
        List<String> items = new ArrayList<>();
        for (String value : ctx.queryParams(name)) {
            for (String item : value.split(",")) {
                if (!item.isEmpty()) {
                    items.add(item);
                }
            }
        }
        return items.isEmpty() ? null : items;
    }
}
