package org.zaqar.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zaqar.core.config.ZaqarConfig;

/**
 * [oslo_policy] policy_dirs and policy_default_rule as oslo.policy reads them: policy.d beside the
 * config file, its files merged over the policy file in name order (dot files left out), read again
 * when one changes; a rule that names no rule falls back to the configured default rule.
 */
class PolicyDirectoriesTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private Path write(String name, String text, String modified) throws Exception {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse(modified)));
        return file;
    }

    private int send(String method, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("X-Project-ID", "policy-dirs")
                .header("Client-ID", "3381af92-2b9e-11e3-b191-71861300734c")
                .method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void policyDirectoryFilesOverrideThePolicyFileInNameOrderAndAreReadAgain() throws Exception {
        Path config = write("conf/zaqar.conf", """
                [drivers:transport:wsgi]
                port = 0
                [oslo_policy]
                policy_default_rule = lenient
                """ + SqliteServerConfig.stores(dir), "2026-01-01T00:00:00Z");
        write("conf/policy.yaml", """
                queues:get_all: "!"
                queues:stats: "!"
                """, "2026-01-01T00:00:00Z");
        write("conf/policy.d/10-first.yaml", """
                queues:get_all: "role:nobody"
                queues:delete: "rule:no_such_rule"
                lenient: ""
                """, "2026-01-01T00:00:00Z");
        write("conf/policy.d/20-second.yaml", "queues:get_all: \"\"\n", "2026-01-01T00:00:00Z");
        write("conf/policy.d/.hidden.yaml", "queues:create: \"!\"\n", "2026-01-01T00:00:00Z");

        try (ZaqarServer server = ZaqarServer.start(ZaqarConfig.load(List.of(config)), InstantSource.system())) {
            String base = "http://127.0.0.1:" + server.port() + "/v2/queues";
            assertEquals(200, send("GET", base), "20-second.yaml, read last, opens the listing");
            assertEquals(403, send("GET", base + "/q/stats"), "the policy file's rule stays where none overrides it");
            assertEquals(201, send("PUT", base + "/q"), "dot files are left out");
            assertEquals(204, send("DELETE", base + "/q"), "rule:no_such_rule falls back to policy_default_rule");

            write("conf/policy.d/30-third.yaml", "queues:create: \"!\"\n", "2026-01-01T00:01:00Z");
            assertEquals(403, send("PUT", base + "/q"), "a file added to the directory is read");
        }
    }
}
