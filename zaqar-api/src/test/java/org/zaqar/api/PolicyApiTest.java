package org.zaqar.api;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.zaqar.core.error.ZaqarException;

/** Authorization by policy file: upstream's defaults, YAML and JSON overrides, the rule language, 403 bodies. */
class PolicyApiTest extends ApiTestSupport {

    @Override
    protected SecuritySettings security() {
        Path file = dir.resolve("policy.yaml");
        try {
            Files.writeString(file, """
                    # Only members may post; nobody may purge; reading stats needs admin or auditor.
                    "messages:create": "role:member"
                    "queues:purge": "!"
                    queues:stats: 'rule:context_is_admin or (role:auditor and not role:banned)'
                    # A folded YAML scalar spans lines, as oslopolicy-sample-generator writes long rules.
                    queues:update: >-
                      role:editor
                      or rule:context_is_admin
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SecuritySettings(null, null, file, CorsSettings.disabled());
    }

    private static Map<String, Object> caller(String project, String... roles) {
        return new Identity(project, null, Set.of(roles), null, null, null, null).credentials(null, null);
    }

    private static boolean allows(String rule, Map<String, Object> credentials) {
        return PolicyRules.parse(rule).allows(new PolicyRules.Evaluation("test:rule", Map.of(), credentials,
                name -> null, 0));
    }

    @Test
    void fileOverridesDefaultsRuleByRule() {
        createQueue("guarded");
        api().contentType("application/json").body("{\"messages\": [{\"body\": 1}]}")
                .post("/v2/queues/guarded/messages").then().statusCode(403)
                .body("title", equalTo("Not authorized"))
                .body("description", equalTo("You are not authorized to complete this action."));
        api().header("X-Roles", "Member").contentType("application/json").body("{\"messages\": [{\"body\": 1}]}")
                .post("/v2/queues/guarded/messages").then().statusCode(201);
        api().header("X-Roles", "admin").contentType("application/json").body("{}")
                .post("/v2/queues/guarded/purge").then().statusCode(403);
        api().get("/v2/queues/guarded/stats").then().statusCode(403);
        api().header("X-Roles", "auditor").get("/v2/queues/guarded/stats").then().statusCode(200);
        api().header("X-Roles", "auditor,banned").get("/v2/queues/guarded/stats").then().statusCode(403);
        api().header("X-Roles", "admin").get("/v2/queues/guarded/stats").then().statusCode(200);
        String patch = "[{\"op\": \"add\", \"path\": \"/metadata/k\", \"value\": 1}]";
        api().contentType("application/openstack-messaging-v2.0-json-patch").body(patch)
                .patch("/v2/queues/guarded").then().statusCode(403);
        api().header("X-Roles", "editor").contentType("application/openstack-messaging-v2.0-json-patch").body(patch)
                .patch("/v2/queues/guarded").then().statusCode(200);
        // Untouched rules keep upstream's defaults: anyone reads a queue, only admins read health.
        api().get("/v2/queues/guarded").then().statusCode(200);
        api().get("/v2/health").then().statusCode(403);
    }

    @Test
    void ruleLanguage() {
        Map<String, Object> member = caller("p1", "member");
        assertTrue(allows("", member));
        assertTrue(allows("@", member));
        assertFalse(allows("!", member));
        assertTrue(allows("role:admin or role:member", member));
        assertTrue(allows("role:MEMBER", member), "roles compare without case");
        assertFalse(allows("role:admin and role:member", member));
        assertTrue(allows("not (role:admin or role:reader)", member));
        assertTrue(allows("role:admin or role:reader or (role:member and project_id:p1)", member));
        assertTrue(allows("role:admin or role:member and not project_id:p2", member), "and binds before or");
        assertFalse(allows("(role:admin or role:member) and project_id:p2", member));
        assertTrue(allows("NOT role:admin AND role:member", member), "keywords in any case");
        // Generic checks: a path into the credentials, or a literal kind.
        assertTrue(allows("project_id:p1", member));
        assertTrue(allows("project:p1", member));
        assertFalse(allows("project_id:p2", member));
        assertFalse(allows("is_admin:True", member), "is_admin is always False, as upstream's context says");
        assertTrue(allows("is_admin:False", member));
        assertTrue(allows("is_admin_project:True", member));
        assertTrue(allows("roles:member", member), "a list matches any element");
        assertTrue(allows("'member':member", member));
        assertTrue(allows("True:True", member));
        assertFalse(allows("nested.key:x", member));
        assertFalse(allows("'x':y", member));
        // A target reference needs the target, and Zaqar enforces with an empty one.
        assertFalse(allows("project_id:%(project_id)s", member));
        assertFalse(allows("role:%(role)s", member));
        // Malformed rules and unknown checks never allow.
        assertFalse(allows("role:member and (", member));
        assertFalse(allows("role:member)", member));
        assertFalse(allows("and role:member", member));
        assertFalse(allows("'role:member'", member));
        assertFalse(allows("member", member));
        assertFalse(allows("rule:missing", member));
        PolicyRules.Check loop = PolicyRules.parse("rule:loop");
        assertFalse(loop.allows(new PolicyRules.Evaluation("r", Map.of(), member, name -> loop, 0)),
                "a rule that refers to itself ends, denied");
        assertTrue(PolicyRules.parse("project_id:%(project_id)s").allows(new PolicyRules.Evaluation("r",
                Map.of("project_id", "p1"), member, name -> null, 0)), "with a target, references are substituted");
        assertTrue(PolicyRules.parse("project_id:p%%%(n)s").allows(new PolicyRules.Evaluation("r",
                Map.of("n", 1), caller("p%1"), name -> null, 0)), "%% is a literal %");
        assertFalse(PolicyRules.parse("project_id:p%d%(n)s").allows(new PolicyRules.Evaluation("r",
                Map.of("n", 1), caller("p%d1"), name -> null, 0)), "another conversion is an error, so a denial");
    }

    @Test
    void listRulesOfTheOlderJsonFormat() throws IOException {
        Path json = dir.resolve("lists.json");
        Files.writeString(json, """
                {"queues:get_all": [["role:reader", "project_id:p1"], ["role:admin"]], "queues:get": [],
                 "queues:create": [[]], "default": "role:fallback", "queues:delete": "rule:unregistered"}
                """);
        Policy policy = Policy.load(json, false);
        assertTrue(policy.allows("queues:get_all", caller("p1", "reader")));
        assertFalse(policy.allows("queues:get_all", caller("p2", "reader")));
        assertTrue(policy.allows("queues:get_all", caller("p2", "admin")));
        assertTrue(policy.allows("queues:get", caller("p1")), "an empty list allows");
        assertFalse(policy.allows("queues:create", caller("p1", "admin")), "a list of empty lists denies");
        assertTrue(policy.allows("queues:delete", caller("p1", "fallback")), "an unknown rule: is the default rule");
        assertFalse(policy.allows("queues:delete", caller("p1", "member")));
    }

    @Test
    void jsonPolicyFilesAreStillReadAndMissingFilesMeanDefaults() throws IOException {
        Path json = dir.resolve("policy.json");
        Files.writeString(json, "{\"queues:get_all\": \"role:reader\", \"health:get\": \"\"}");
        Logger logger = (Logger) LoggerFactory.getLogger(Policy.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        Policy policy;
        try {
            policy = Policy.load(json, false);
        } finally {
            logger.detachAppender(logged);
        }
        assertTrue(logged.list.stream().anyMatch(event -> event.getLevel() == Level.WARN
                && event.getFormattedMessage().contains("JSON formatted policy files are deprecated")), logged.list.toString());
        assertFalse(policy.allows("queues:get_all", caller("p1")));
        assertTrue(policy.allows("queues:get_all", caller("p1", "reader")));
        assertTrue(policy.allows("health:get", caller("p1")));
        Policy missing = Policy.load(dir.resolve("absent.yaml"), false);
        assertTrue(missing.allows("queues:get_all", caller("p1")));
        assertFalse(missing.allows("pools:create", caller("p1")));
        Path empty = dir.resolve("empty.yaml");
        Files.writeString(empty, "# nothing overridden\n");
        assertFalse(Policy.load(empty, false).allows("health:get", caller("p1")));
        assertTrue(Policy.load(empty, false).allows("health:get", caller("p1", "admin")));
    }

    @Test
    void brokenFilesFailAtStartWithTheReason() throws IOException {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "\"queues:get\": [unclosed\n");
        assertTrue(assertThrows(ZaqarException.class, () -> Policy.load(bad, false)).getMessage().contains("bad.yaml"));
        Files.writeString(bad, "- a list\n- not a map\n");
        assertTrue(assertThrows(ZaqarException.class, () -> Policy.load(bad, false)).getMessage()
                .contains("must map rule names to check strings"));
        Files.writeString(bad, "queues:get: true\n");
        assertTrue(assertThrows(ZaqarException.class, () -> Policy.load(bad, false)).getMessage()
                .contains("rule 'queues:get' is boolean"));
    }

    @Test
    void aChangedFileIsReadAgainAndABrokenEditKeepsTheRulesInForce() throws IOException {
        Path file = dir.resolve("live.yaml");
        Files.writeString(file, "queues:get_all: role:reader\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
        Policy policy = Policy.load(file, false);
        assertFalse(policy.allows("queues:get_all", caller("p1", "writer")));
        Files.writeString(file, "queues:get_all: role:writer\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-01T00:01:00Z")));
        assertTrue(policy.allows("queues:get_all", caller("p1", "writer")));
        Files.writeString(file, "queues:get_all: [broken\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-01T00:02:00Z")));
        assertTrue(policy.allows("queues:get_all", caller("p1", "writer")));
        assertFalse(policy.allows("queues:get_all", caller("p1", "reader")));
    }

    @Test
    void defaultsAreUpstreamsEveryOne() {
        // zaqar/common/policies/*.py of Zaqar 15, rule by rule.
        Map<String, String> upstream = new LinkedHashMap<>();
        upstream.put("context_is_admin", "role:admin");
        upstream.put("admin_or_owner", "is_admin:True or project_id:%(project_id)s");
        for (String action : new String[] {"get_all", "create", "get", "delete", "update", "stats", "share", "purge"}) {
            upstream.put("queues:" + action, "");
        }
        for (String action : new String[] {"get_all", "create", "get", "delete", "delete_all"}) {
            upstream.put("messages:" + action, "");
        }
        for (String action : new String[] {"create", "get", "delete", "update"}) {
            upstream.put("claims:" + action, "");
        }
        for (String action : new String[] {"get_all", "create", "get", "delete", "update", "confirm"}) {
            upstream.put("subscription:" + action, "");
        }
        for (String action : new String[] {"get_all", "create", "get", "delete", "update", "stats", "purge"}) {
            upstream.put("topics:" + action, "");
        }
        for (String action : new String[] {"get_all", "create", "get", "delete", "update"}) {
            upstream.put("pools:" + action, "role:admin");
        }
        upstream.put("flavors:get_all", "");
        upstream.put("flavors:create", "role:admin");
        upstream.put("flavors:get", "");
        upstream.put("flavors:delete", "role:admin");
        upstream.put("flavors:update", "role:admin");
        upstream.put("ping:get", "");
        upstream.put("health:get", "role:admin");
        assertEquals(upstream, Policy.defaultRules());
        Policy policy = Policy.defaults();
        upstream.forEach((rule, check) -> {
            assertEquals(check.isEmpty(), policy.allows(rule, caller("p1", "member")), rule);
            assertEquals(!rule.equals("admin_or_owner"), policy.allows(rule, caller("p1", "admin")), rule);
        });
        assertFalse(policy.allows("no:such:rule", caller("p1", "admin")), "an unregistered rule denies");
        upstream.keySet().removeAll(Set.of("context_is_admin", "admin_or_owner"));
        assertEquals(upstream.keySet(), PolicyRoutes.rules(), "every default rule but the two helpers guards a route");
    }
}
