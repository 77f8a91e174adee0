package dev.gpuc.cache.redis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gpuc.api.ArtifactCodec;
import dev.gpuc.api.CacheCorruption;
import dev.gpuc.api.EntryPoint;
import dev.gpuc.api.Artifact;
import dev.gpuc.api.Payload;
import dev.gpuc.api.Provenance;
import dev.gpuc.api.RelocationStrategy;
import dev.gpuc.api.RelocationTable;
import dev.gpuc.api.Slot;
import dev.gpuc.compiler.CacheEntry;
import dev.gpuc.compiler.CacheStats;
import dev.gpuc.compiler.VerifyReport;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** The tier against a real redis-server: entry format, namespacing, expiry, damage, outages. */
class RedisCacheStoreTest {
    private static RedisServer server;
    private static Jedis admin;
    private final ManualClock clock = new ManualClock();
    private final RecordingLogger log = new RecordingLogger();

    @BeforeAll
    static void startServer() throws IOException {
        assumeTrue(RedisServer.executable().isPresent(), RedisServer.MISSING);
        server = RedisServer.start();
        admin = new Jedis("127.0.0.1", server.port());
    }

    @AfterAll
    static void stopServer() {
        if (admin != null) {
            admin.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void emptyDatabase() {
        admin.flushAll();
    }

    private RedisCacheStore store(String query) {
        return RedisCacheStore.open(RedisCacheConfig.fromUrl(server.url() + query), clock, log);
    }

    /** A cache key as the compiler makes them: 64 hex digits. */
    static String key(int n) {
        byte[] b = new byte[32];
        Arrays.fill(b, (byte) n);
        return HexFormat.of().formatHex(b);
    }

    /** The encoding of a small, real artifact (what the driver hands every tier). */
    static byte[] artifact(String text) {
        return ArtifactCodec.encode(new Artifact(List.of(new Payload("ptx", text.getBytes(StandardCharsets.UTF_8))),
                List.of(new EntryPoint("k", "k", true)),
                new RelocationTable(List.of(new Slot("sym_x", "Symbol:x", 0x7f00_0000_1000L, 8, 1))),
                RelocationStrategy.PATCH, true, new Provenance("0.1.0", "20.1.7", "ptx", "1", "nvptx64-nvidia-cuda")));
    }

    private static byte[] raw(String redisKey) {
        return admin.get(redisKey.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void storesDiskEntriesUnderThePrefixWithATimeToLive() {
        try (RedisCacheStore store = store("?ttl=2h")) {
            byte[] data = artifact("one");
            store.put(key(1), data);
            byte[] stored = raw("gpuc:" + key(1));
            assertArrayEquals(CacheEntry.encode(key(1), data), stored, "the same envelope as the disk tier");
            long ttl = admin.ttl("gpuc:" + key(1));
            assertTrue(ttl > 0 && ttl <= Duration.ofHours(2).toSeconds(), "ttl " + ttl);

            assertArrayEquals(data, store.get(key(1)).orElseThrow());
            assertTrue(store.get(key(2)).isEmpty());
            CacheStats s = store.stats();
            assertEquals(new CacheStats(server.url(), 1, stored.length, 0, 1, 1, 1, 0, 0, 0, 0), s);
        }
    }

    @Test
    void prefixesKeepCachesApartAndClearRemovesOnlyItsOwn() throws IOException {
        try (RedisCacheStore a = store("?prefix=team-a:"); RedisCacheStore b = store("?prefix=t*[b]:")) {
            a.put(key(1), artifact("a"));
            b.put(key(1), artifact("b"));
            admin.set("unrelated", "data");
            assertArrayEquals(artifact("a"), a.get(key(1)).orElseThrow());
            assertArrayEquals(artifact("b"), b.get(key(1)).orElseThrow());
            assertEquals(1, b.stats().entries(), "the glob characters of the prefix match literally");

            b.clear();
            assertTrue(b.get(key(1)).isEmpty());
            assertArrayEquals(artifact("a"), a.get(key(1)).orElseThrow());
            assertEquals("data", admin.get("unrelated"));
        }
    }

    @Test
    void aDamagedEntryIsDeletedReportedAndThenAMiss() {
        List<UnaryOperator<byte[]>> damages = List.of(
                e -> { e[e.length / 2] ^= 1; return e; },                  // a flipped bit
                e -> Arrays.copyOf(e, e.length - 7),                      // truncated
                e -> "not a gpuc entry".getBytes(StandardCharsets.UTF_8),  // foreign data
                e -> CacheEntry.encode(key(9), artifact("other")));      // an entry copied from another key
        try (RedisCacheStore store = store("")) {
            for (UnaryOperator<byte[]> damage : damages) {
                store.put(key(1), artifact("one"));
                byte[] redisKey = ("gpuc:" + key(1)).getBytes(StandardCharsets.UTF_8);
                admin.set(redisKey, damage.apply(admin.get(redisKey)));

                CacheCorruption e = assertThrows(CacheCorruption.class, () -> store.get(key(1)));
                assertTrue(e.getMessage().endsWith("; entry removed"), e.getMessage());
                assertFalse(admin.exists(redisKey), "the damaged entry is gone from the server");
                assertTrue(store.get(key(1)).isEmpty());
            }
            assertEquals(damages.size(), store.stats().corrupt());
            List<String> warnings = log.at(Level.WARNING);
            assertEquals(damages.size(), warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).startsWith("removed damaged remote cache entry " + server.url() + " entry gpuc:"
                    + key(1) + ": checksum mismatch"), warnings.get(0));
            assertTrue(warnings.get(3).contains("entry holds key " + key(9)), warnings.get(3));
        }
    }

    @Test
    void verifyChecksTheArtifactInsideTheEnvelopeToo() {
        try (RedisCacheStore store = store("")) {
            store.put(key(1), artifact("one"));
            store.put(key(2), artifact("two"));
            store.put(key(3), "an intact envelope around a broken artifact".getBytes(StandardCharsets.UTF_8));
            admin.set("gpuc:" + key(4), "junk");
            VerifyReport r = store.verify();
            assertEquals(4, r.checked());
            assertEquals(2, r.valid());
            assertEquals(2, r.removed().size(), r.removed().toString());
            assertEquals(2, store.stats().entries());
            assertTrue(store.get(key(1)).isPresent() && store.get(key(2)).isPresent());
        }
    }

    @Test
    void aDownServerMakesEveryOperationASkipNotAFailure() throws IOException {
        try (RedisServer own = RedisServer.start();
             RedisCacheStore store = RedisCacheStore.open(RedisCacheConfig.fromUrl(own.url()), clock, log)) {
            own.stop();
            store.put(key(1), artifact("one"));
            assertTrue(store.get(key(1)).isEmpty());
            store.remove(key(1));
            CacheStats s = store.stats();
            assertEquals(-1, s.entries());
            assertEquals(1, s.writeFailures());
            assertEquals(1, s.misses());
            assertEquals(1, store.errors());
            assertEquals(1, s.errors(), "the stats carry the failed calls too");
            assertEquals(3, store.skipped());
            assertEquals(1, log.at(Level.WARNING).size(), log.all().toString());
            IOException e = assertThrows(IOException.class, store::clear);
            assertEquals("remote cache " + own.url() + " is unreachable; nothing was cleared", e.getMessage());
        }
    }

    @Test
    void describesItselfWithoutThePassword() {
        try (RedisCacheStore store = RedisCacheStore.open(RedisCacheConfig.fromUrl("redis://u:hunter2@127.0.0.1:1/3"),
                clock, log)) {
            assertEquals("redis://u:***@127.0.0.1:1/3", store.describe());
            assertFalse(store.toString().contains("hunter2"));
            assertFalse(store.config().toString().contains("hunter2"));
        }
    }
}
