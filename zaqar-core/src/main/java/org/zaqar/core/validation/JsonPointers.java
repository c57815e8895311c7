package org.zaqar.core.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The limited JSON pointers upstream accepts in a queue PATCH, decoded into their tokens. */
final class JsonPointers {
    private static final Pattern ADJACENT_SLASHES = Pattern.compile("/\\s*?/");
    private static final Pattern BAD_ESCAPE = Pattern.compile("~[^01]");

    private JsonPointers() {
    }

    static List<String> decode(String pointer) {
        if (!pointer.startsWith("/")) {
            throw Validator.fail("Pointer `" + pointer + "` does not start with \"/\".");
        }
        if (ADJACENT_SLASHES.matcher(pointer.substring(1)).find()) {
            throw Validator.fail("Pointer `" + pointer + "` contains adjacent \"/\".");
        }
        if (pointer.length() > 1 && pointer.endsWith("/")) {
            throw Validator.fail("Pointer `" + pointer + "` end with \"/\".");
        }
        if (BAD_ESCAPE.matcher(pointer).find() || pointer.endsWith("~")) {
            throw Validator.fail("Pointer `" + pointer + "` contains \"~\" not part of a recognized escape sequence.");
        }
        List<String> tokens = new ArrayList<>();
        for (String part : pointer.replaceFirst("^/+", "").split("/", -1)) {
            tokens.add(part.replace("~1", "/").replace("~0", "~").strip());
        }
        return tokens;
    }
}
