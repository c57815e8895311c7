package org.zaqar.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.zaqar.api.EdgeSettings;
import org.zaqar.api.WebSocketSettings;
import org.zaqar.core.config.ZaqarConfig;
import org.zaqar.core.error.ZaqarException;

class ServerOptionsTest {

    @Test
    void defaultsRunWithNothingInstalled() {
        ServerOptions options = ServerOptions.from(ZaqarConfig.empty());
        assertFalse(options.adminMode());
        assertFalse(options.pooling());
        assertFalse(options.enableChecksum());
        assertEquals("", options.authStrategy());
        assertEquals("wsgi", options.transport());
        assertEquals("sqlalchemy", options.messageStore());
        assertEquals("sqlalchemy", options.managementStore());
        assertEquals("127.0.0.1", options.bind());
        assertEquals(8888, options.port());
        assertEquals(List.of(), options.enableDeprecatedApiVersions());
        assertEquals(new WebSocketSettings("127.0.0.1", 9000, null, null, 0), options.websocket());
        assertEquals(new EdgeSettings(Duration.ofSeconds(30), Duration.ofSeconds(60), 256), options.edge());
    }

    @Test
    void theConsoleIsOnForTheQuickStartOnlyUnlessTheConfigSaysSo() {
        assertTrue(ServerOptions.from(ZaqarConfig.empty()).console(), "no config at all: the quick start");
        assertFalse(ServerOptions.from(ZaqarConfig.load(List.of(Path.of("../etc/zaqar.conf")))).console(),
                "the shipped sample");
        assertFalse(ServerOptions.from(ZaqarConfig.parse("[DEFAULT]\nadmin_mode = true\n")).console());
        assertTrue(ServerOptions.from(ZaqarConfig.parse("[console]\nenabled = true\n")).console());
        assertFalse(ServerOptions.from(ZaqarConfig.parse("[console]\nenabled = false\n")).console());
    }

    @Test
    void readsTheReadDeadlinesAndTheConcurrencyLimit() {
        ServerOptions options = ServerOptions.from(ZaqarConfig.parse("""
                [drivers:transport:wsgi]
                client_header_timeout = 5
                client_body_timeout = 7
                max_concurrent_requests = 0
                """));
        assertEquals(new EdgeSettings(Duration.ofSeconds(5), Duration.ofSeconds(7), 0), options.edge());
        ZaqarException e = assertThrows(ZaqarException.class, () -> ServerOptions.from(ZaqarConfig.parse("""
                [drivers:transport:wsgi]
                client_header_timeout = 0
                max_concurrent_requests = -1
                """)));
        assertTrue(e.getMessage().contains("client_header_timeout (0 ms)"), e.getMessage());
    }

    @Test
    void readsTheWebSocketTransport() {
        ServerOptions options = ServerOptions.from(ZaqarConfig.parse("""
                [drivers]
                transport = websocket
                [drivers:transport:websocket]
                bind = 0.0.0.0
                port = 9001
                external_port = 443
                notification_bind = 10.0.0.5
                notification_port = 9002
                """));
        assertEquals("websocket", options.transport());
        assertEquals(new WebSocketSettings("0.0.0.0", 9001, 443, "10.0.0.5", 9002), options.websocket());
        ZaqarException e = assertThrows(ZaqarException.class, () -> ServerOptions.from(ZaqarConfig.parse("""
                [drivers]
                transport = zmq
                [drivers:transport:websocket]
                notification_port = 70000
                """)));
        assertTrue(e.getMessage().contains("transport = 'zmq' is not supported (use wsgi or websocket)"),
                e.getMessage());
        assertTrue(e.getMessage().contains("[drivers:transport:websocket] notification_port = '70000' is not a port number"), e.getMessage());
    }

    @Test
    void readsUpstreamSectionsAndNames() {
        ServerOptions options = ServerOptions.from(ZaqarConfig.parse("""
                [DEFAULT]
                admin_mode = True
                enable_checksum = true
                auth_strategy = noauth
                enable_deprecated_api_versions = 1, 1.1
                [drivers]
                message_store = sqlalchemy
                management_store = sqlalchemy
                [drivers:transport:wsgi]
                bind = ::1
                port = 9999
                [transport]
                max_messages_per_page = 7
                [signed_url]
                secret_key = hush
                """));
        assertTrue(options.adminMode());
        assertTrue(options.enableChecksum());
        assertEquals("noauth", options.authStrategy());
        assertEquals(List.of("1", "1.1"), options.enableDeprecatedApiVersions());
        assertEquals("::1", options.bind());
        assertEquals(9999, options.port());
        assertEquals(7, options.limits().maxMessagesPerPage());
        assertEquals("hush", options.signedUrlSecretKey());
        assertFalse(options.toString().contains("hush"), "the secret key must never be printed");
    }

    @Test
    void reportsEveryProblemAtOnce() {
        ZaqarException e = assertThrows(ZaqarException.class, () -> ServerOptions.from(ZaqarConfig.parse("""
                [DEFAULT]
                auth_strategy = magic
                [drivers:transport:wsgi]
                port = 70000
                [transport]
                max_claim_ttl = 0
                """)));
        assertTrue(e.getMessage().contains("auth_strategy = 'magic'"), e.getMessage());
        assertTrue(e.getMessage().contains("port = '70000' is not a port number"), e.getMessage());
        assertTrue(e.getMessage().contains("max_claim_ttl = 0"), e.getMessage());
    }

    @Test
    void unknownOptionsAndSectionsAreReported() {
        List<String> warnings = KnownOptions.unknown(ZaqarConfig.parse("""
                [DEFAULT]
                debug = true
                admin_mod = true
                [transport]
                max_message_ttl = 100
                [no_such_section]
                a = 1
                [drivers:message_store:redis]
                uri = redis://127.0.0.1:6379
                reconect_sleep = 1
                [drivers:management_store:mongodb]
                max_attempts = 3
                """), new StorageDrivers(getClass().getClassLoader()));
        assertEquals(List.of(
                "[DEFAULT] admin_mod is not a known option; it is ignored",
                "[no_such_section] is not a section this server reads; its 1 option(s) are ignored",
                "[drivers:message_store:redis] reconect_sleep is not a known option; it is ignored"), warnings);
    }

    @Test
    void printedConfigurationMasksSecrets() {
        String printed = EffectiveConfig.render(ZaqarConfig.parse("""
                [drivers:message_store:sqlalchemy]
                uri = postgresql://zaqar:s3cret@db:5432/zaqar
                [drivers:management_store:redis]
                uri = redis::red1s@/run/redis.sock
                [drivers:management_store:mongodb]
                uri = mongodb://admin:m0ngo@a:27017,b:27017/?replicaSet=rs
                [signed_url]
                secret_key = hush
                """));
        for (String secret : List.of("s3cret", "red1s", "m0ngo", "hush")) {
            assertFalse(printed.contains(secret), printed);
        }
        assertTrue(printed.contains("uri = postgresql://zaqar:****@db:5432/zaqar"), printed);
    }
}
