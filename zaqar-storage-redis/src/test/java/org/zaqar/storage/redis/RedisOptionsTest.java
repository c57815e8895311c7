package org.zaqar.storage.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.zaqar.core.config.ConfigSection;
import org.zaqar.core.config.Option;
import org.zaqar.core.config.ZaqarConfig;
import org.zaqar.core.error.ErrorCode;
import org.zaqar.core.error.ZaqarException;

class RedisOptionsTest {

    @Test
    void defaultsAreUpstreams() {
        RedisOptions options = RedisOptions.from(ConfigSection.empty("drivers:message_store:redis"));
        assertEquals(RedisUri.parse("redis://127.0.0.1:6379"), options.uri());
        assertEquals(10, options.maxReconnectAttempts());
        assertEquals(1000, options.reconnectSleepMillis());
        assertEquals(0, options.database());
    }

    @Test
    void everyOptionMapsToItsField() {
        ConfigSection section = ZaqarConfig.parse("""
                [drivers:management_store:redis]
                uri = redis://:pw@cache:6390
                max_reconnect_attempts = 3
                reconnect_sleep = 0.25
                """).section("drivers:management_store:redis");
        RedisOptions options = RedisOptions.from(section);
        assertEquals("cache", options.uri().host());
        assertEquals(6390, options.uri().port());
        assertEquals("pw", options.uri().password());
        assertEquals(3, options.maxReconnectAttempts());
        assertEquals(250, options.reconnectSleepMillis());
        assertEquals(0, options.database());
    }

    @Test
    void theDatabaseIsTheUrisDbidAndADatabaseOptionIsNotReadAsUpstream() {
        RedisOptions options = RedisOptions.from(new ConfigSection("s",
                Map.of("uri", "redis://h?dbid=5", "database", "2")));
        assertEquals(5, options.database());
        // devstack writes a database *name* into every store section; upstream's redis driver ignores it
        options = RedisOptions.from(new ConfigSection("s", Map.of("uri", "redis://h", "database", "zaqar")));
        assertEquals(0, options.database());
        assertEquals(List.of("uri", "max_reconnect_attempts", "reconnect_sleep"),
                RedisOptions.OPTIONS.stream().map(Option::name).toList());
    }

    @Test
    void reportsEveryViolationAtOnceWithoutThePassword() {
        ZaqarException e = assertThrows(ZaqarException.class, () -> RedisOptions.from(new ConfigSection(
                "drivers:message_store:redis", Map.of("uri", "redis://:hunter2@h:x", "max_reconnect_attempts", "-1",
                "reconnect_sleep", "soon"))));
        assertEquals(ErrorCode.VALIDATION_FAILED, e.code());
        String message = e.getMessage();
        assertTrue(message.contains("[drivers:message_store:redis] uri"), message);
        assertTrue(message.contains("max_reconnect_attempts = -1 is below the minimum of 0"), message);
        assertTrue(message.contains("reconnect_sleep = 'soon' is not a number"), message);
        assertTrue(!message.contains("hunter2"), message);
    }
}
