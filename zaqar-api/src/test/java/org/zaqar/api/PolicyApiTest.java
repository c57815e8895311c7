package org.zaqar.api;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.zaqar.core.model.RequestContext;

/** Authorization by policy file: upstream's defaults, overrides, the rule language, 403 bodies. */
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
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SecuritySettings(null, null, file, CorsSettings.disabled());
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
        // Untouched rules keep upstream's defaults: anyone reads a queue, only admins read health.
        api().get("/v2/queues/guarded").then().statusCode(200);
        api().get("/v2/health").then().statusCode(403);
    }

    @Test
    void ruleLanguage() {
        RequestContext member = new RequestContext("p1", null, Set.of("member"));
        assertTrue(PolicyRules.parse("").allows(member, name -> null, 0));
        assertTrue(PolicyRules.parse("@").allows(member, name -> null, 0));
        assertFalse(PolicyRules.parse("!").allows(member, name -> null, 0));
        assertTrue(PolicyRules.parse("role:admin or role:member").allows(member, name -> null, 0));
        assertFalse(PolicyRules.parse("role:admin and role:member").allows(member, name -> null, 0));
        assertTrue(PolicyRules.parse("not (role:admin or role:reader)").allows(member, name -> null, 0));
        assertFalse(PolicyRules.parse("is_admin:True").allows(member, name -> null, 0));
        assertTrue(PolicyRules.parse("project_id:p1").allows(member, name -> null, 0));
        // A target reference never matches: Zaqar enforces with an empty target.
        assertFalse(PolicyRules.parse("project_id:%(project_id)s").allows(member, name -> null, 0));
        assertFalse(PolicyRules.parse("role:member and (").allows(member, name -> null, 0));
        assertFalse(PolicyRules.parse("rule:missing").allows(member, name -> null, 0));
        PolicyRules.Check loop = PolicyRules.parse("rule:loop");
        assertFalse(loop.allows(member, name -> loop, 0), "a rule that refers to itself ends, denied");
    }

    @Test
    void jsonPolicyFilesAreStillReadAndMissingFilesMeanDefaults() throws IOException {
        Path json = dir.resolve("policy.json");
        Files.writeString(json, "{\"queues:get_all\": \"role:reader\", \"health:get\": \"\"}");
        Policy policy = Policy.load(json);
        RequestContext anyone = new RequestContext("p1", null, Set.of());
        assertFalse(policy.allows("queues:get_all", anyone));
        assertTrue(policy.allows("queues:get_all", new RequestContext("p1", null, Set.of("reader"))));
        assertTrue(policy.allows("health:get", anyone));
        Policy missing = Policy.load(dir.resolve("absent.yaml"));
        assertTrue(missing.allows("queues:get_all", anyone));
        assertFalse(missing.allows("pools:create", anyone));
        Path empty = dir.resolve("empty.yaml");
        Files.writeString(empty, "# nothing overridden\n");
        assertFalse(Policy.load(empty).allows("health:get", anyone));
    }

    @Test
    void defaultsAreUpstreams() {
        Policy policy = Policy.defaults();
        RequestContext anyone = new RequestContext("p1", null, Set.of());
        RequestContext admin = new RequestContext("p1", null, Set.of("admin"));
        for (String open : new String[] {"queues:get_all", "messages:create", "claims:create", "queues:share",
                "subscription:create", "flavors:get", "ping:get"}) {
            assertTrue(policy.allows(open, anyone), open);
        }
        for (String adminOnly : new String[] {"pools:create", "pools:get_all", "flavors:create", "health:get"}) {
            assertFalse(policy.allows(adminOnly, anyone), adminOnly);
            assertTrue(policy.allows(adminOnly, admin), adminOnly);
        }
    }
}
