package org.zaqar.storage.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.zaqar.core.error.ErrorCode;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.core.model.NewMessage;
import org.zaqar.core.storage.MessageStorage;
import org.zaqar.core.testing.ManualClock;

/**
 * Redis URIs with credentials in the forms deployment tools write them, against real
 * redis-servers that demand them: TripleO's {@code redis://:PASSWORD@host:6379/}, a Redis ACL
 * user ({@code redis://user:password@host}), and Sentinels with a password of their own
 * ({@code sentinel_password}, as upstream master reads it).
 */
class RedisCredentialsTest {

    @Test
    void tripleosPasswordFormWithATrailingSlash() {
        RedisTestServer server = RedisTestServer.startNew("--requirepass", "tr1pleo");
        try {
            usable("redis://:tr1pleo@127.0.0.1:" + server.port() + "/");
            ZaqarException e = assertThrows(ZaqarException.class, () -> RedisTestServer.open(new ManualClock(),
                    Map.of("uri", "redis://:wrong@127.0.0.1:" + server.port() + "/", "max_reconnect_attempts", "0")));
            assertFalse(e.getMessage().contains("wrong"), e.getMessage());
        } finally {
            server.stop();
        }
    }

    @Test
    void aclUserAndPassword() {
        RedisTestServer server = RedisTestServer.startNew("--user", "zaqar", "on", ">acl-pw", "~*", "&*", "+@all");
        try {
            usable("redis://zaqar:acl-pw@127.0.0.1:" + server.port());
            assertThrows(ZaqarException.class, () -> RedisTestServer.open(new ManualClock(),
                    Map.of("uri", "redis://:acl-pw@127.0.0.1:" + server.port(), "max_reconnect_attempts", "0")),
                    "the default user has no such password");
        } finally {
            server.stop();
        }
    }

    @Test
    void aUserWithoutAPasswordIsRefusedAsUpstreamDoes() {
        ZaqarException e = assertThrows(ZaqarException.class, () -> RedisUri.parse("redis://zaqar@h:6379"));
        assertEquals(ErrorCode.VALIDATION_FAILED, e.code());
        assertTrue(e.getMessage().contains("without a password"), e.getMessage());
    }

    @Test
    void sentinelsWithAPasswordOfTheirOwn() {
        RedisTestServer master = RedisTestServer.startNew("--requirepass", "master-pw");
        RedisTestServer sentinel = RedisTestServer.startSentinel(master, "secured",
                "sentinel auth-pass secured master-pw\nrequirepass sentinel-pw\n");
        try {
            String uri = "redis://:master-pw@127.0.0.1:" + sentinel.port() + "?master=secured&sentinel_password=sentinel-pw";
            usable(uri);
            RedisUri parsed = RedisUri.parse(uri);
            assertEquals("sentinel-pw", parsed.sentinelPassword());
            assertFalse(parsed.toString().contains("pw"), parsed.toString());
            assertThrows(ZaqarException.class, () -> RedisTestServer.open(new ManualClock(), Map.of("uri",
                    "redis://:master-pw@127.0.0.1:" + sentinel.port() + "?master=secured", "max_reconnect_attempts",
                    "0")), "the Sentinel demands its own password");
        } finally {
            sentinel.stop();
            master.stop();
        }
    }

    private static void usable(String uri) {
        try (MessageStorage storage = RedisTestServer.open(new ManualClock(), Map.of("uri", uri))) {
            assertTrue(storage.isAlive());
            storage.queues().create("p", "q", Map.of());
            storage.messages().post("p", "q", List.of(new NewMessage("{}", 60, 0, null)), "c");
        }
    }
}
