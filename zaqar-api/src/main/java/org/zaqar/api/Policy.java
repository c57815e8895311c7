package org.zaqar.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.core.model.RequestContext;

/**
 * Authorization by policy rules ({@code [oslo_policy] policy_file}): upstream's default rules
 * ({@code zaqar/common/policies}), overridden rule by rule by the file. Each route names the
 * rule upstream's {@code acl.enforce} names; a denied request is a 403.
 */
final class Policy {
    private static final Logger LOG = LoggerFactory.getLogger(Policy.class);
    private static final String ADMIN = "role:admin";
    private static final String OPEN = "";

    private final Map<String, PolicyRules.Check> rules;

    private Policy(Map<String, String> checks) {
        Map<String, PolicyRules.Check> parsed = new HashMap<>();
        checks.forEach((name, check) -> parsed.put(name, PolicyRules.parse(check)));
        this.rules = Map.copyOf(parsed);
    }

    /** Upstream's default rules, by name. */
    static Map<String, String> defaultRules() {
        Map<String, String> rules = new LinkedHashMap<>();
        rules.put("context_is_admin", ADMIN);
        rules.put("admin_or_owner", "is_admin:True or project_id:%(project_id)s");
        for (String action : new String[] {"get_all", "create", "get", "delete", "update", "stats", "share", "purge"}) {
            rules.put("queues:" + action, OPEN);
        }
        for (String action : new String[] {"get_all", "create", "get", "delete", "delete_all"}) {
            rules.put("messages:" + action, OPEN);
        }
        for (String action : new String[] {"create", "get", "delete", "update"}) {
            rules.put("claims:" + action, OPEN);
        }
        for (String action : new String[] {"get_all", "create", "get", "delete", "update", "confirm"}) {
            rules.put("subscription:" + action, OPEN);
        }
        for (String action : new String[] {"get_all", "create", "get", "delete", "update", "stats", "purge"}) {
            rules.put("topics:" + action, OPEN);
        }
        for (String action : new String[] {"get_all", "create", "get", "delete", "update"}) {
            rules.put("pools:" + action, ADMIN);
        }
        rules.put("flavors:get_all", OPEN);
        rules.put("flavors:get", OPEN);
        rules.put("flavors:create", ADMIN);
        rules.put("flavors:delete", ADMIN);
        rules.put("flavors:update", ADMIN);
        rules.put("ping:get", OPEN);
        rules.put("health:get", ADMIN);
        return rules;
    }

    static Policy defaults() {
        return new Policy(defaultRules());
    }

    /**
     * The defaults overridden by the file's rules. A missing or empty file means the defaults; a
     * JSON file is still read, with a deprecation warning, as oslo.policy does.
     */
    static Policy load(Path file) {
        Map<String, String> rules = defaultRules();
        if (file == null || !Files.isRegularFile(file)) {
            if (file != null) {
                LOG.info("Policy file {} not found; using upstream's default rules", file);
            }
            return new Policy(rules);
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw ZaqarException.validation("[oslo_policy] policy_file " + file + " cannot be read: " + e.getMessage());
        }
        if (text.strip().startsWith("{")) {
            LOG.warn("Policy file {} is JSON; JSON policy files are deprecated, convert it to YAML", file);
            try {
                JsonNode document = Json.MAPPER.readTree(text);
                document.fields().forEachRemaining(entry -> rules.put(entry.getKey(), entry.getValue().asText()));
            } catch (IOException e) {
                throw ZaqarException.validation("[oslo_policy] policy_file " + file + " is not valid JSON: "
                        + e.getMessage());
            }
        } else {
            rules.putAll(readFlatYaml(file, text));
        }
        return new Policy(rules);
    }

    /** A policy file is a flat map of rule name to check string: {@code "name": "check"} per line. */
    private static Map<String, String> readFlatYaml(Path file, String text) {
        Map<String, String> rules = new LinkedHashMap<>();
        int number = 0;
        for (String line : text.split("\\R")) {
            number++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.equals("---")) {
                continue;
            }
            String[] pair = splitPair(trimmed);
            if (pair == null) {
                throw ZaqarException.validation("[oslo_policy] policy_file " + file + " line " + number
                        + " is not a \"rule name\": \"check\" pair");
            }
            rules.put(pair[0], pair[1]);
        }
        return rules;
    }

    private static String[] splitPair(String line) {
        String key;
        String rest;
        if (line.startsWith("\"") || line.startsWith("'")) {
            int close = line.indexOf(line.charAt(0), 1);
            if (close < 0 || close + 1 >= line.length() || line.charAt(close + 1) != ':') {
                return null;
            }
            key = line.substring(1, close);
            rest = line.substring(close + 2);
        } else {
            int colon = line.indexOf(": ");
            if (colon < 0 && line.endsWith(":")) {
                colon = line.length() - 1;
            }
            if (colon < 0) {
                return null;
            }
            key = line.substring(0, colon);
            rest = line.substring(Math.min(line.length(), colon + 1));
        }
        String value = rest.strip();
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            value = value.substring(1, value.length() - 1);
        } else {
            int comment = value.indexOf(" #");
            value = comment >= 0 ? value.substring(0, comment).strip() : value;
        }
        return new String[] {key.strip(), value};
    }

    /** Allows or throws 403 for the rule of the route the request matched; routes without a rule are open. */
    void enforce(Context ctx, RequestContext request) {
        enforce(PolicyRoutes.ruleFor(ctx.method().name(), ctx.endpointHandlerPath()), request);
    }

    /** Allows or throws 403 for a rule by name; null means no rule, open. */
    void enforce(String rule, RequestContext request) {
        if (rule != null && !allows(rule, request)) {
            throw new ApiError(403, "Not authorized", "You are not authorized to complete this action.");
        }
    }

    boolean allows(String rule, RequestContext request) {
        PolicyRules.Check check = rules.get(rule);
        return check == null || check.allows(request, rules::get, 0);
    }
}
