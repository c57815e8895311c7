package org.zaqar.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zaqar.core.error.ZaqarException;

/**
 * Authorization by policy rules ({@code [oslo_policy] policy_file}), as oslo.policy's Enforcer
 * does it for Zaqar: upstream's default rules ({@code zaqar/common/policies}), overridden rule by
 * rule by the file (YAML; JSON still read, with a deprecation warning), then by the files of the
 * {@code policy_dirs} (each directory's files in name order, dot files left out); all are read again
 * when any of them changes. A rule or {@code rule:} naming no rule falls back to the rule named by
 * {@code policy_default_rule} ({@code default}) when one is defined. Each route names the rule
 * upstream's {@code acl.enforce} names, enforced with an empty target as upstream does; a denied
 * request is a 403.
 */
final class Policy {
    private static final Logger LOG = LoggerFactory.getLogger(Policy.class);
    private static final String ADMIN = "role:admin";
    private static final String OPEN = "";
    /** oslo.policy's {@code policy_default_rule} default. */
    static final String DEFAULT_RULE = "default";
    private static final YAMLMapper YAML = new YAMLMapper();

    /** @param version the files read and their modification times: the rules are read again when it changes */
    private record Rules(List<String> version, Map<String, PolicyRules.Check> checks) {
    }

    private final Path file;
    private final List<Path> directories;
    private final String defaultRule;
    private final boolean olderApis;
    private volatile Rules rules;

    private Policy(Path file, List<Path> directories, String defaultRule, boolean olderApis, Rules rules) {
        this.file = file;
        this.directories = directories;
        this.defaultRule = defaultRule;
        this.olderApis = olderApis;
        this.rules = rules;
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
        return load(null, false);
    }

    /** The defaults overridden by the file's rules, without policy directories. */
    static Policy load(Path file, boolean olderApis) {
        return load(file, List.of(), DEFAULT_RULE, olderApis);
    }

    /**
     * The defaults overridden by the file's rules, then by the directories' files; a null or
     * missing file means the defaults, a missing directory adds nothing.
     *
     * @param defaultRule {@code policy_default_rule}: the rule enforced for a rule name that has none
     * @param olderApis   also enforce the rules on v1.0 and v1.1 routes, by the v2 route each matches.
     *                    Upstream enforces none there, so with authentication on, a token would reach
     *                    through them what v2 refuses it (pools, health, any rule an operator tightened);
     *                    the server sets it with Keystone. Under noauth callers declare their own roles.
     * @throws ZaqarException VALIDATION_FAILED when a file cannot be read or parsed
     */
    static Policy load(Path file, List<Path> directories, String defaultRule, boolean olderApis) {
        if (file != null && !Files.isRegularFile(file)) {
            LOG.info("Policy file {} not found; using upstream's default rules", file);
            file = null;
        }
        return new Policy(file, List.copyOf(directories), defaultRule, olderApis, read(file, directories));
    }

    /** The files to read, in order: the policy file, then each directory's files by name. */
    private static List<Path> files(Path file, List<Path> directories) throws IOException {
        List<Path> files = new ArrayList<>();
        if (file != null) {
            files.add(file);
        }
        for (Path directory : directories) {
            if (!Files.isDirectory(directory)) {
                continue;
            }
            try (Stream<Path> listed = Files.list(directory)) {
                listed.filter(Files::isRegularFile).filter(path -> !path.getFileName().toString().startsWith("."))
                        .sorted().forEach(files::add);
            }
        }
        return files;
    }

    private static List<String> version(List<Path> files) throws IOException {
        List<String> version = new ArrayList<>();
        for (Path path : files) {
            version.add(path + "@" + Files.getLastModifiedTime(path));
        }
        return version;
    }

    private static Rules read(Path file, List<Path> directories) {
        Map<String, JsonNode> texts = new LinkedHashMap<>();
        defaultRules().forEach((name, check) -> texts.put(name, YAML.getNodeFactory().textNode(check)));
        List<String> version;
        Path reading = file;
        try {
            List<Path> files = files(file, directories);
            version = version(files);
            for (Path path : files) {
                reading = path;
                parse(path, Files.readString(path, StandardCharsets.UTF_8)).fields()
                        .forEachRemaining(rule -> texts.put(rule.getKey(), rule.getValue()));
            }
        } catch (IOException e) {
            throw ZaqarException.validation("[oslo_policy] policy file " + reading + " cannot be read: "
                    + e.getMessage());
        }
        Map<String, PolicyRules.Check> checks = new HashMap<>();
        texts.forEach((name, rule) -> {
            if (!rule.isTextual() && !rule.isArray() && !rule.isNull()) {
                throw ZaqarException.validation("[oslo_policy] policy_file " + file + ": rule '" + name
                        + "' is " + rule.getNodeType().name().toLowerCase(Locale.ROOT) + ", not a check string");
            }
            checks.put(name, PolicyRules.parse(rule));
        });
        return new Rules(version, Map.copyOf(checks));
    }

    /** As oslo.policy's {@code parse_file_contents}: JSON first (deprecated), else YAML; empty is no rules. */
    private static JsonNode parse(Path file, String text) {
        JsonNode document;
        try {
            document = Json.MAPPER.readTree(text);
            LOG.warn("Policy file {} is JSON: JSON formatted policy files are deprecated (as in oslo.policy); "
                    + "convert it to YAML, e.g. with oslopolicy-convert-json-to-yaml", file);
        } catch (JsonProcessingException notJson) {
            try {
                document = YAML.readTree(text);
            } catch (JsonProcessingException e) {
                throw ZaqarException.validation("[oslo_policy] policy_file " + file + " is neither YAML nor JSON: "
                        + e.getOriginalMessage());
            }
        }
        if (document == null || document.isNull() || document.isMissingNode()) {
            return YAML.createObjectNode();
        }
        if (document.getNodeType() != JsonNodeType.OBJECT) {
            throw ZaqarException.validation("[oslo_policy] policy_file " + file
                    + " must map rule names to check strings");
        }
        return document;
    }

    /** The rules in force: read again when a file changed; a broken edit keeps the previous rules. */
    private Map<String, PolicyRules.Check> current() {
        Rules known = rules;
        if (file == null && directories.isEmpty()) {
            return known.checks();
        }
        try {
            if (!version(files(file, directories)).equals(known.version())) {
                rules = read(file, directories);
                LOG.info("Policy files changed; rules reloaded from {} and {}", file, directories);
            }
        } catch (IOException | ZaqarException e) {
            LOG.error("Policy files changed but cannot be used ({}); the previous rules stay in force",
                    e.getMessage());
            rules = new Rules(null, known.checks());
        }
        return rules.checks();
    }

    /** Allows or throws 403 for the rule of the route the request matched; routes without a rule are open. */
    void enforce(Context ctx, Map<String, Object> credentials) {
        String method = ctx.method().name();
        String rule = PolicyRoutes.ruleFor(method, ctx.endpointHandlerPath());
        if (rule == null && olderApis) {
            rule = PolicyRoutes.legacyRuleFor(method, ctx.endpointHandlerPath());
        }
        enforce(rule, credentials);
    }

    /** Allows or throws 403 for a rule by name; null means no rule, open. */
    void enforce(String rule, Map<String, Object> credentials) {
        if (rule != null && !allows(rule, credentials)) {
            throw new ApiError(403, "Not authorized", "You are not authorized to complete this action.");
        }
    }

    /** Whether the rule allows a caller with these credentials (oslo.context's {@code to_dict()}). */
    boolean allows(String rule, Map<String, Object> credentials) {
        Map<String, PolicyRules.Check> checks = current();
        PolicyRules.Check check = checks.get(rule);
        if (check == null) {
            // oslo.policy enforces an unregistered rule with the default rule, if there is one.
            check = checks.get(defaultRule);
            if (check == null) {
                return false;
            }
        }
        PolicyRules.Evaluation evaluation = new PolicyRules.Evaluation(rule, Map.of(), credentials,
                name -> checks.getOrDefault(name, checks.get(defaultRule)), 0);
        return check.allows(evaluation);
    }
}
