package org.zaqar.storage.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.zaqar.core.error.ErrorCode;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.storage.redis.RedisUri.HostPort;
import org.zaqar.storage.redis.RedisUri.Strategy;

class RedisUriTest {

    @Test
    void hostAndPort() {
        RedisUri uri = RedisUri.parse("redis://redis.example.org:6380");
        assertEquals(Strategy.TCP, uri.strategy());
        assertEquals("redis.example.org", uri.host());
        assertEquals(6380, uri.port());
        assertNull(uri.password());
        assertEquals(-1, uri.socketTimeoutMillis());
        assertEquals(-1, uri.database());
    }

    @Test
    void portDefaultsTo6379() {
        RedisUri uri = RedisUri.parse("redis://127.0.0.1");
        assertEquals("127.0.0.1", uri.host());
        assertEquals(6379, uri.port());
    }

    @Test
    void passwordBeforeTheHost() {
        RedisUri uri = RedisUri.parse("redis://:s3cr%40t@db:6379");
        assertEquals("s3cr@t", uri.password());
        assertEquals("db", uri.host());
        assertFalse(uri.toString().contains("s3cr"), uri.toString());
        assertTrue(uri.toString().contains(":***@"), uri.toString());
    }

    @Test
    void socketTimeoutAndDatabaseFromTheQuery() {
        RedisUri uri = RedisUri.parse("redis://localhost:6379?socket_timeout=0.5&dbid=3");
        assertEquals(500, uri.socketTimeoutMillis());
        assertEquals(3, uri.database());
    }

    @Test
    void ipv6Host() {
        RedisUri uri = RedisUri.parse("redis://[::1]:7000");
        assertEquals("::1", uri.host());
        assertEquals(7000, uri.port());
        assertEquals("redis://[::1]:7000", uri.toString());
    }

    @Test
    void sentinelHostsWithMaster() {
        RedisUri uri = RedisUri.parse("redis://:pw@sentinel1:26380,sentinel2,10.0.0.3:26381?master=mymaster&socket_timeout=2");
        assertEquals(Strategy.SENTINEL, uri.strategy());
        assertEquals("mymaster", uri.master());
        assertEquals(List.of(new HostPort("sentinel1", 26380), new HostPort("sentinel2", 26379),
                new HostPort("10.0.0.3", 26381)), uri.sentinels());
        assertEquals("pw", uri.password());
        assertEquals(2000, uri.socketTimeoutMillis());
        assertFalse(uri.toString().contains("pw@"), uri.toString());
    }

    @Test
    void singleSentinelWithMaster() {
        RedisUri uri = RedisUri.parse("redis://sentinel1?master=m");
        assertEquals(List.of(new HostPort("sentinel1", 26379)), uri.sentinels());
    }

    @Test
    void unixSocket() {
        RedisUri uri = RedisUri.parse("redis:/var/run/redis/redis.sock?socket_timeout=1");
        assertEquals(Strategy.UNIX, uri.strategy());
        assertEquals("/var/run/redis/redis.sock", uri.socketPath());
        assertEquals(1000, uri.socketTimeoutMillis());
        assertNull(uri.password());
    }

    @Test
    void unixSocketWithPassword() {
        RedisUri uri = RedisUri.parse("redis::secret@/tmp/redis.sock");
        assertEquals("/tmp/redis.sock", uri.socketPath());
        assertEquals("secret", uri.password());
        assertEquals("redis::***@/tmp/redis.sock", uri.toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            http://localhost:6379                    | the scheme must be 'redis'
            redis://host1:6379,host2:6379            | has no 'master' option
            redis://host:port                        | port 'port' is not a number
            redis://host:70000                       | outside 1..65535
            redis://                                 | host name is missing
            redis:                                   | unix socket path is missing
            redis://host?socket_timeout=fast         | socket_timeout 'fast' is not a number
            redis://host?socket_timeout=0            | must be above 0
            redis://host?dbid=x                      | dbid 'x' is not a number
            redis://?master=m                        | names no sentinel hosts
            redis://host?master=                     | the master option is empty
            redis://host?flag                        | has no value
            """)
    void rejectsBadUrisWithTheReason(String uri, String reason) {
        ZaqarException e = assertThrows(ZaqarException.class, () -> RedisUri.parse(uri));
        assertEquals(ErrorCode.VALIDATION_FAILED, e.code());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void errorsNeverShowThePassword() {
        ZaqarException e = assertThrows(ZaqarException.class,
                () -> RedisUri.parse("redis://:topsecret@host:notaport"));
        assertFalse(e.getMessage().contains("topsecret"), e.getMessage());
        assertTrue(e.getMessage().contains("redis://:***@host:notaport"), e.getMessage());
    }

    @Test
    void emptyUriIsRejected() {
        assertThrows(ZaqarException.class, () -> RedisUri.parse(" "));
        assertThrows(ZaqarException.class, () -> RedisUri.parse(null));
    }
}
