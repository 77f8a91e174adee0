package dev.gpuc.cache.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedisEndpointTest {
    @Test
    void readsEveryPartOfTheUrl() {
        RedisEndpoint e = RedisEndpoint.parse("rediss://alice:s3cr%40t@cache.example:6380/3");
        assertEquals(new RedisEndpoint(true, "cache.example", 6380, 3, "alice", "s3cr@t"), e);
    }

    @Test
    void defaultsPortAndDatabase() {
        RedisEndpoint e = RedisEndpoint.parse("redis://cache.example");
        assertFalse(e.tls());
        assertEquals(6379, e.port());
        assertEquals(0, e.database());
        assertNull(e.user());
        assertNull(e.password());
    }

    @Test
    void aLoneUserInfoOrAnEmptyUserIsThePassword() {
        assertEquals(new RedisEndpoint(false, "h", 6379, 0, null, "pw"), RedisEndpoint.parse("redis://pw@h"));
        assertEquals(new RedisEndpoint(false, "h", 6379, 0, null, "pw"), RedisEndpoint.parse("redis://:pw@h/"));
    }

    @Test
    void readsIpv6Hosts() {
        RedisEndpoint e = RedisEndpoint.parse("redis://[::1]:7000/1");
        assertEquals("::1", e.host());
        assertEquals("redis://[::1]:7000/1", e.redacted());
    }

    @Test
    void neverShowsThePassword() {
        RedisEndpoint e = RedisEndpoint.parse("redis://alice:hunter2@h:1/0");
        assertEquals("redis://alice:***@h:1/0", e.redacted());
        assertEquals(e.redacted(), e.toString());
        assertFalse(RedisCacheConfig.fromUrl("redis://alice:hunter2@h:1/0").toString().contains("hunter2"));
        assertEquals("redis://h:6379/0", RedisEndpoint.parse("redis://h").redacted());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://u:hunter2@h/0",          // wrong scheme
        "redis://u:hunter2@h/zero",      // database not a number
        "redis://u:hunter2@/0",          // no host
        "redis://u:hunter2 x@h/0",       // a space: the URI parser quotes its input
        "redis://u:hun/ter2@h/0",        // an unencoded slash cuts the authority short
        "redis://u:hunter2%zz@h/0",      // bad percent-encoding: URLDecoder quotes its input
        "redis://u:hunter2@h:99999/0",   // port out of range
    })
    void errorsNameTheUrlWithoutItsPassword(String url) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RedisEndpoint.parse(url));
        assertFalse(e.getMessage().contains("hunter2") || e.getMessage().contains("ter2"), e.getMessage());
        assertFalse(e.getMessage().isBlank());
    }
}
