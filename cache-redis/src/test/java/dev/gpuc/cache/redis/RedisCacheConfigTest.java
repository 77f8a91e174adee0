package dev.gpuc.cache.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Test;

class RedisCacheConfigTest {
    @Test
    void defaultsAreShortTimeoutsAWeekOfTtlAndTheGpucPrefix() {
        RedisCacheConfig c = RedisCacheConfig.fromUrl("redis://h");
        assertEquals("gpuc:", c.keyPrefix());
        assertEquals(Duration.ofDays(7), c.ttl());
        assertEquals(Duration.ofMillis(200), c.connectTimeout());
        assertEquals(Duration.ofMillis(250), c.readTimeout());
        assertNull(c.sslSocketFactory());
    }

    @Test
    void theQuerySetsTheOptions() {
        RedisCacheConfig c = RedisCacheConfig.fromUrl(
                "redis://h:1/2?prefix=team%3Agpuc%3A&ttl=12h&connectTimeout=50ms&readTimeout=1s");
        assertEquals("team:gpuc:", c.keyPrefix());
        assertEquals(Duration.ofHours(12), c.ttl());
        assertEquals(Duration.ofMillis(50), c.connectTimeout());
        assertEquals(Duration.ofSeconds(1), c.readTimeout());
        assertEquals(2, c.endpoint().database());
    }

    @Test
    void badOptionsAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RedisCacheConfig.fromUrl("redis://h?ttl=7"))
                .getMessage().contains("ttl must be a number with a unit"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RedisCacheConfig.fromUrl("redis://h?ttl=7w"))
                .getMessage().contains("unknown unit in '7w'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RedisCacheConfig.fromUrl("redis://h?ttl=0s"))
                .getMessage().contains("ttl must be at least"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RedisCacheConfig.fromUrl("redis://:pw@h?tll=1d"))
                .getMessage().contains("unknown option 'tll' in redis://:***@h:6379/0"));
    }

    @Test
    void theEnvironmentNamesTheServerAndSuppliesAMissingPassword() {
        assertTrue(RedisCacheConfig.fromEnvironment(Map.of()).isEmpty());
        assertTrue(RedisCacheConfig.fromEnvironment(Map.of("GPUC_REMOTE_CACHE", " ")).isEmpty());
        RedisCacheConfig c = RedisCacheConfig.fromEnvironment(Map.of(
                "GPUC_REMOTE_CACHE", "redis://cache:6380/1", "GPUC_REDIS_PASSWORD", "from-env")).orElseThrow();
        assertEquals(new RedisEndpoint(false, "cache", 6380, 1, null, "from-env"), c.endpoint());
        RedisCacheConfig own = RedisCacheConfig.fromUrl("redis://u:from-url@cache", Map.of("GPUC_REDIS_PASSWORD", "from-env"));
        assertEquals("from-url", own.endpoint().password());
    }

    @Test
    void tlsOptionsNeedATlsEndpoint() {
        SSLSocketFactory f = (SSLSocketFactory) SSLSocketFactory.getDefault();
        assertThrows(IllegalArgumentException.class,
                () -> RedisCacheConfig.builder(RedisEndpoint.parse("redis://h")).sslSocketFactory(f).build());
        assertEquals(f, RedisCacheConfig.builder(RedisEndpoint.parse("rediss://h")).sslSocketFactory(f).build()
                .sslSocketFactory());
    }

    @Test
    void retryBoundsAreChecked() {
        RedisCacheConfig.Builder b = RedisCacheConfig.builder(RedisEndpoint.parse("redis://h"));
        assertThrows(IllegalArgumentException.class, () -> b.retry(Duration.ofSeconds(10), Duration.ofSeconds(1)).build());
    }
}
