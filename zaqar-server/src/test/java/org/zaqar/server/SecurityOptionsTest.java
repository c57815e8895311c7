package org.zaqar.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zaqar.api.CorsSettings;
import org.zaqar.api.SecuritySettings;
import org.zaqar.core.config.ZaqarConfig;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.core.notify.IdentityService;

/** [DEFAULT] auth_strategy, [keystone_authtoken], [trustee], [signed_url], [oslo_policy] and [cors]. */
class SecurityOptionsTest {
    @TempDir
    Path dir;

    @Test
    void defaults() {
        SecuritySettings settings = SecurityOptions.from(ZaqarConfig.empty());
        assertNull(settings.keystone());
        assertNull(settings.signedUrlSecretKey());
        assertNull(settings.messageEncryption());
        assertNull(settings.policyFile(), "no policy.yaml anywhere oslo.config looks: upstream's defaults");
        assertEquals(CorsSettings.disabled(), settings.cors());
    }

    @Test
    void trusteeIsOptionalAndABadValueStopsTheStart() {
        assertSame(IdentityService.NONE, SecurityOptions.identity(ZaqarConfig.empty(),
                SecurityOptions.from(ZaqarConfig.empty()), InstantSource.system()));
        ZaqarConfig config = ZaqarConfig.parse("""
                [trustee]
                auth_type = v3token
                auth_url = http://keystone:5000
                username = zaqar
                timeout = soon
                """);
        ZaqarException e = assertThrows(ZaqarException.class, () -> SecurityOptions.identity(config,
                SecurityOptions.from(config), InstantSource.system()));
        assertTrue(e.getMessage().contains("[trustee] auth_type = 'v3token' is not supported"), e.getMessage());
        assertTrue(e.getMessage().contains("[trustee] timeout = 'soon' is not an integer"), e.getMessage());
    }

    @Test
    void missingTrusteeCredentialsOnlyDisableTrustNotifications() {
        // as puppet-zaqar writes [trustee] when no password is given: upstream starts on it
        ZaqarConfig config = ZaqarConfig.parse("""
                [trustee]
                auth_type = password
                auth_url = http://keystone:5000
                username = zaqar
                """);
        assertSame(IdentityService.NONE, SecurityOptions.identity(config, SecurityOptions.from(config),
                InstantSource.system()));
    }

    @Test
    void keystoneOptionsUseKeystonemiddlewaresNames() throws IOException {
        Path policy = Files.writeString(dir.resolve("policy.yaml"), "{}");
        SecuritySettings settings = SecurityOptions.from(ZaqarConfig.parse("""
                [DEFAULT]
                auth_strategy = keystone
                [keystone_authtoken]
                www_authenticate_uri = http://public.example.org:5000
                auth_url = http://keystone:5000/v3
                username = zaqar
                password = s3cret
                project_name = service
                user_domain_name = users
                project_domain_name = projects
                token_cache_time = 60
                memcached_servers = 127.0.0.1:11211
                [signed_url]
                secret_key = k3y
                [oslo_policy]
                policy_file = %s
                [cors]
                allowed_origin = https://a.example.org, https://b.example.org
                allow_credentials = false
                max_age = 600
                allow_methods = GET
                """.formatted(policy)));
        var keystone = settings.keystone();
        assertEquals("http://public.example.org:5000", keystone.wwwAuthenticateUri());
        assertEquals("http://keystone:5000/v3", keystone.authUrl());
        assertEquals("zaqar", keystone.username());
        assertEquals("s3cret", keystone.password());
        assertEquals("service", keystone.projectName());
        assertEquals("users", keystone.userDomainName());
        assertEquals("projects", keystone.projectDomainName());
        assertEquals(Duration.ofSeconds(60), keystone.tokenCacheTime());
        assertEquals("k3y", settings.signedUrlSecretKey());
        assertEquals(policy, settings.policyFile());
        assertEquals(List.of("https://a.example.org", "https://b.example.org"), settings.cors().allowedOrigins());
        assertFalse(settings.cors().allowCredentials());
        assertEquals(600, settings.cors().maxAge());
        assertEquals(List.of("GET"), settings.cors().allowMethods());
        assertEquals(CorsSettings.DEFAULT_ALLOW_HEADERS, settings.cors().allowHeaders());
        String printed = settings.toString();
        assertFalse(printed.contains("s3cret") || printed.contains("k3y"), printed);
        for (String secret : List.of("password", "secret_key", "message_encryption_key",
                "message_encryption_previous_keys")) {
            assertEquals("****", EffectiveConfig.mask(secret, "x"), secret);
        }
    }

    @Test
    void keystoneWithoutCredentialsFailsWithEveryProblemAtOnce() {
        ZaqarException e = assertThrows(ZaqarException.class, () -> SecurityOptions.from(ZaqarConfig.parse("""
                [DEFAULT]
                auth_strategy = keystone
                [cors]
                max_age = soon
                """)));
        for (String expected : List.of("auth_url is required", "username is required", "password is required",
                "project_name is required", "max_age = 'soon'")) {
            assertTrue(e.getMessage().contains(expected), e.getMessage());
        }
    }

    @Test
    void keystoneStrategyStartsAndAnswers503WhenKeystoneIsUnreachable() throws IOException, InterruptedException {
        ZaqarConfig config = ZaqarConfig.parse("""
                [DEFAULT]
                auth_strategy = keystone
                [keystone_authtoken]
                auth_url = http://127.0.0.1:9
                username = zaqar
                password = pw
                project_name = service
                http_connect_timeout = 2
                [drivers:transport:wsgi]
                bind = 127.0.0.1
                port = 0
                """ + SqliteServerConfig.stores(dir));
        HttpClient http = HttpClient.newHttpClient();
        try (ZaqarServer server = ZaqarServer.start(config, InstantSource.system())) {
            String base = "http://127.0.0.1:" + server.port();
            assertEquals(300, http.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            HttpResponse<String> queues = http.send(HttpRequest.newBuilder(URI.create(base + "/v2/queues"))
                    .header("X-Auth-Token", "t").header("Client-ID", "3381af92-2b9e-11e3-b191-71861300734c").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(503, queues.statusCode(), queues.body());
            HttpResponse<String> noToken = http.send(HttpRequest.newBuilder(URI.create(base + "/v2/queues"))
                    .header("X-Project-ID", "p").header("Client-ID", "3381af92-2b9e-11e3-b191-71861300734c").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, noToken.statusCode(), noToken.body());
        }
    }
}
