package org.zaqar.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.zaqar.core.model.RequestContext;

/**
 * oslo.policy's rule language: {@code @} (always), {@code !} (never), {@code role:R},
 * {@code rule:NAME}, {@code KEY:VALUE} against the caller's credentials (VALUE may be
 * {@code %(name)s} from the target, which Zaqar always passes empty), {@code not}, {@code and},
 * {@code or} and parentheses, with oslo's precedence (not, and, or). An empty rule allows.
 */
final class PolicyRules {
    /** A parsed rule. */
    @FunctionalInterface
    interface Check {
        boolean allows(RequestContext request, Function<String, Check> rules, int depth);
    }

    private static final int MAX_RULE_DEPTH = 32;

    private final List<String> tokens;
    private int position;

    private PolicyRules(List<String> tokens) {
        this.tokens = tokens;
    }

    /** Parses a check string; an unknown or malformed check never allows, as in oslo.policy. */
    static Check parse(String text) {
        if (text == null || text.isBlank()) {
            return (request, rules, depth) -> true;
        }
        List<String> tokens = tokenize(text);
        PolicyRules parser = new PolicyRules(tokens);
        try {
            Check check = parser.or();
            if (parser.position != tokens.size()) {
                return (request, rules, depth) -> false;
            }
            return check;
        } catch (IllegalArgumentException e) {
            return (request, rules, depth) -> false;
        }
    }

    private static List<String> tokenize(String text) {
        List<String> tokens = new ArrayList<>();
        for (String word : text.strip().split("\\s+")) {
            int start = 0;
            while (start < word.length() && word.charAt(start) == '(') {
                tokens.add("(");
                start++;
            }
            int end = word.length();
            int closing = 0;
            while (end > start && word.charAt(end - 1) == ')') {
                closing++;
                end--;
            }
            if (end > start) {
                tokens.add(word.substring(start, end));
            }
            for (int i = 0; i < closing; i++) {
                tokens.add(")");
            }
        }
        return tokens;
    }

    private String peek() {
        return position < tokens.size() ? tokens.get(position) : null;
    }

    private Check or() {
        Check left = and();
        while ("or".equalsIgnoreCase(peek())) {
            position++;
            Check a = left;
            Check b = and();
            left = (request, rules, depth) -> a.allows(request, rules, depth) || b.allows(request, rules, depth);
        }
        return left;
    }

    private Check and() {
        Check left = not();
        while ("and".equalsIgnoreCase(peek())) {
            position++;
            Check a = left;
            Check b = not();
            left = (request, rules, depth) -> a.allows(request, rules, depth) && b.allows(request, rules, depth);
        }
        return left;
    }

    private Check not() {
        if ("not".equalsIgnoreCase(peek())) {
            position++;
            Check inner = not();
            return (request, rules, depth) -> !inner.allows(request, rules, depth);
        }
        return atom();
    }

    private Check atom() {
        String token = peek();
        if (token == null || token.equals(")")) {
            throw new IllegalArgumentException("check expected");
        }
        position++;
        if (token.equals("(")) {
            Check inner = or();
            if (!")".equals(peek())) {
                throw new IllegalArgumentException("')' expected");
            }
            position++;
            return inner;
        }
        return single(token);
    }

    private static Check single(String token) {
        if (token.equals("@")) {
            return (request, rules, depth) -> true;
        }
        if (token.equals("!")) {
            return (request, rules, depth) -> false;
        }
        int colon = token.indexOf(':');
        if (colon < 0) {
            return (request, rules, depth) -> false;
        }
        String kind = token.substring(0, colon);
        String match = token.substring(colon + 1);
        return switch (kind) {
            case "rule" -> (request, rules, depth) -> {
                Check named = rules.apply(match);
                return named != null && depth < MAX_RULE_DEPTH && named.allows(request, rules, depth + 1);
            };
            case "role" -> (request, rules, depth) -> request.hasRole(match.toLowerCase(Locale.ROOT));
            default -> (request, rules, depth) -> generic(kind, match, request);
        };
    }

    /** {@code KEY:VALUE} against the credentials; a {@code %(...)s} value needs a target, and Zaqar's is empty. */
    private static boolean generic(String key, String match, RequestContext request) {
        if (match.contains("%(")) {
            return false;
        }
        Map<String, String> credentials = Map.of(
                "project_id", String.valueOf(request.projectId()),
                "is_admin", "False");
        String value = credentials.get(key);
        return value != null && value.equals(match.replaceAll("^'(.*)'$", "$1"));
    }
}
