package org.zaqar.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * oslo.policy's rule language ({@code oslo_policy/_parser.py} and {@code _checks.py}): {@code @}
 * (always), {@code !} (never), {@code rule:NAME}, {@code role:ROLE}, {@code http:URL} and
 * {@code https:URL} ({@link RemoteCheck}), and any other {@code KIND:MATCH}, where KIND is a
 * literal ({@code True}, {@code 'Member'}, {@code 42}) or a dotted path into the caller's
 * credentials, and MATCH may name target attributes as {@code %(name)s}; combined with
 * {@code not}, {@code and}, {@code or} (that precedence) and parentheses. The older list form
 * ({@code [["a", "b"], ["c"]]}: a or of ands) is read too. An empty rule allows; a rule that does
 * not parse never allows, as in oslo.policy.
 */
final class PolicyRules {
    /** A parsed rule. */
    @FunctionalInterface
    interface Check {
        boolean allows(Evaluation evaluation);
    }

    /**
     * One enforcement: the rule enforced (sent to remote checks), the target and the caller's
     * credentials (oslo.context's {@code to_dict()}), and the named rules to resolve
     * {@code rule:} checks with (null when unknown).
     */
    record Evaluation(String rule, Map<String, Object> target, Map<String, Object> credentials,
                      Function<String, Check> rules, int depth) {
        /** Rules referring to rules deeper than this (a loop) deny, where oslo.policy would fail the request. */
        private static final int MAX_DEPTH = 32;

        Evaluation deeper() {
            return new Evaluation(rule, target, credentials, rules, depth + 1);
        }
    }

    private static final Check ALWAYS = evaluation -> true;
    private static final Check NEVER = evaluation -> false;

    private final List<String> tokens;
    private int position;

    private PolicyRules(List<String> tokens) {
        this.tokens = tokens;
    }

    /** A rule as a policy file holds it: a check string, or the older list of lists. */
    static Check parse(JsonNode rule) {
        if (rule == null || rule.isNull()) {
            return ALWAYS;
        }
        if (!rule.isArray()) {
            return parse(rule.asText());
        }
        if (rule.isEmpty()) {
            return ALWAYS;
        }
        List<Check> alternatives = new ArrayList<>();
        for (JsonNode inner : rule) {
            List<Check> all = new ArrayList<>();
            if (inner.isArray()) {
                inner.forEach(check -> all.add(single(check.asText())));
            } else if (!inner.asText().isEmpty()) {
                all.add(single(inner.asText()));
            }
            if (!all.isEmpty()) {
                alternatives.add(evaluation -> all.stream().allMatch(check -> check.allows(evaluation)));
            }
        }
        return alternatives.isEmpty() ? NEVER
                : evaluation -> alternatives.stream().anyMatch(check -> check.allows(evaluation));
    }

    /** Parses a check string. */
    static Check parse(String text) {
        if (text == null || text.isBlank()) {
            return ALWAYS;
        }
        PolicyRules parser = new PolicyRules(tokenize(text));
        try {
            Check check = parser.or();
            return parser.position == parser.tokens.size() ? check : NEVER;
        } catch (IllegalArgumentException e) {
            return NEVER;
        }
    }

    /** Words split on white space, with leading '(' and trailing ')' as tokens of their own. */
    private static List<String> tokenize(String text) {
        List<String> tokens = new ArrayList<>();
        for (String word : text.strip().split("\\s+")) {
            int start = 0;
            while (start < word.length() && word.charAt(start) == '(') {
                tokens.add("(");
                start++;
            }
            int end = word.length();
            while (end > start && word.charAt(end - 1) == ')') {
                end--;
            }
            if (end > start) {
                tokens.add(word.substring(start, end));
            }
            for (int i = end; i < word.length(); i++) {
                tokens.add(")");
            }
        }
        return tokens;
    }

    private String peek() {
        return position < tokens.size() ? tokens.get(position) : null;
    }

    private boolean accept(String keyword) {
        if (keyword.equalsIgnoreCase(peek())) {
            position++;
            return true;
        }
        return false;
    }

    private Check or() {
        Check left = and();
        while (accept("or")) {
            Check a = left;
            Check b = and();
            left = evaluation -> a.allows(evaluation) || b.allows(evaluation);
        }
        return left;
    }

    private Check and() {
        Check left = not();
        while (accept("and")) {
            Check a = left;
            Check b = not();
            left = evaluation -> a.allows(evaluation) && b.allows(evaluation);
        }
        return left;
    }

    private Check not() {
        if (accept("not")) {
            Check inner = not();
            return evaluation -> !inner.allows(evaluation);
        }
        return atom();
    }

    private Check atom() {
        String token = peek();
        if (token == null || token.equals(")") || List.of("and", "or", "not").contains(token.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("check expected");
        }
        position++;
        if (token.equals("(")) {
            Check inner = or();
            if (!accept(")")) {
                throw new IllegalArgumentException("')' expected");
            }
            return inner;
        }
        if (token.length() >= 2 && (token.startsWith("\"") && token.endsWith("\"")
                || token.startsWith("'") && token.endsWith("'"))) {
            throw new IllegalArgumentException("a quoted string is not a check");
        }
        return single(token);
    }

    private static Check single(String token) {
        if (token.equals("@")) {
            return ALWAYS;
        }
        if (token.equals("!")) {
            return NEVER;
        }
        int colon = token.indexOf(':');
        if (colon < 0) {
            return NEVER;
        }
        String kind = token.substring(0, colon);
        String match = token.substring(colon + 1);
        return switch (kind) {
            case "rule" -> evaluation -> {
                Check named = evaluation.rules().apply(match);
                return named != null && evaluation.depth() < Evaluation.MAX_DEPTH && named.allows(evaluation.deeper());
            };
            case "role" -> evaluation -> {
                String role = PythonFormat.apply(match, evaluation.target());
                return role != null && evaluation.credentials().get("roles") instanceof List<?> roles
                        && roles.stream().anyMatch(r -> String.valueOf(r).equalsIgnoreCase(role));
            };
            case "http", "https" -> new RemoteCheck(kind + ":" + match);
            default -> evaluation -> generic(kind, match, evaluation);
        };
    }

    /** oslo.policy's GenericCheck: a literal kind is compared as it is, else it is a path into the credentials. */
    private static boolean generic(String kind, String match, Evaluation evaluation) {
        String expected = PythonFormat.apply(match, evaluation.target());
        if (expected == null) {
            return false;
        }
        String literal = PythonFormat.literal(kind);
        if (literal != null) {
            return expected.equals(literal);
        }
        return found(evaluation.credentials(), kind.split("\\.", -1), 0, expected);
    }

    private static boolean found(Object value, String[] path, int index, String expected) {
        if (index == path.length) {
            return expected.equals(PythonFormat.str(value));
        }
        if (!(value instanceof Map<?, ?> map) || !map.containsKey(path[index])) {
            return false;
        }
        Object next = map.get(path[index]);
        if (next instanceof List<?> list) {
            return list.stream().anyMatch(item -> found(item, path, index + 1, expected));
        }
        return found(next, path, index + 1, expected);
    }
}
