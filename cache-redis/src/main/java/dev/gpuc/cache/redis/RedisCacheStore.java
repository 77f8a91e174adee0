package dev.gpuc.cache.redis;

import dev.gpuc.api.ArtifactCodec;
import dev.gpuc.api.CacheCorruption;
import dev.gpuc.compiler.CacheEntry;
import dev.gpuc.compiler.CacheStats;
import dev.gpuc.compiler.CacheStore;
import dev.gpuc.compiler.VerifyReport;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The remote tier: a Redis server shared by a fleet, behind the memory and disk tiers.
 *
 * <pre>
 * Compiler.builder().standardCache().cache(RedisCacheStore.fromUrl("redis://cache:6379/0")).build()
 * </pre>
 *
 * Entries are {@link CacheEntry} envelopes, the same bytes as on disk, stored under
 * {@code <prefix><key>} with a time to live, so Redis' expiry and eviction bound the tier. Every
 * read is verified; a damaged entry is deleted and reported as {@link CacheCorruption}, which
 * the driver treats as a miss. The tier fails open: when the server is down, slow, refuses the
 * credentials or refuses writes, reads are misses and writes are dropped, a warning is logged
 * once per outage, and the server is retried with back-off. No method waits longer than the
 * configured timeouts, and only {@link #clear()} reports an unreachable server to its caller.
 */
public final class RedisCacheStore implements CacheStore, AutoCloseable {
    private static final System.Logger LOG = System.getLogger("dev.gpuc.cache.redis");
    private static final int SCAN_BATCH = 500;

    private final RedisCacheConfig config;
    private final RedisLink link;
    private final System.Logger log;
    private final long ttlSeconds;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder writes = new LongAdder();
    private final LongAdder corrupt = new LongAdder();
    private final LongAdder writeFailures = new LongAdder();

    private RedisCacheStore(RedisCacheConfig config, InstantSource clock, System.Logger log) {
        this.config = config;
        this.log = log;
        this.link = new RedisLink(config, clock, log);
        this.ttlSeconds = config.ttl().toSeconds();
    }

    /** A tier for this configuration. Connects lazily: a server that is down now costs nothing here. */
    public static RedisCacheStore open(RedisCacheConfig config) {
        return new RedisCacheStore(config, InstantSource.system(), LOG);
    }

    /** For tests: a clock to move instead of sleeping, and a logger to read the warnings from. */
    static RedisCacheStore open(RedisCacheConfig config, InstantSource clock, System.Logger log) {
        return new RedisCacheStore(config, clock, log);
    }

    /**
     * The tier a {@code redis://} or {@code rediss://} URL names, with the password from
     * {@code $GPUC_REDIS_PASSWORD} when the URL has none: what {@code --remote-cache} calls.
     *
     * @throws IllegalArgumentException for a malformed URL (its message never shows the password)
     */
    public static RedisCacheStore fromUrl(String url) {
        return open(RedisCacheConfig.fromUrl(url, System.getenv()));
    }

    /** The tier {@code $GPUC_REMOTE_CACHE} names, if it is set. */
    public static Optional<RedisCacheStore> fromEnvironment() {
        return RedisCacheConfig.fromEnvironment(System.getenv()).map(RedisCacheStore::open);
    }

    public RedisCacheConfig config() {
        return config;
    }

    /** The server's URL without the password. */
    @Override
    public String describe() {
        return config.endpoint().redacted();
    }

    @Override
    public Optional<byte[]> get(String key) {
        byte[] redisKey = redisKey(key);
        Optional<byte[]> stored = link.call("read", c -> Optional.ofNullable(c.get(redisKey))).flatMap(o -> o);
        if (stored.isEmpty()) {
            misses.increment();
            return Optional.empty();
        }
        try {
            byte[] data = CacheEntry.decode(key, stored.get());
            hits.increment();
            return Optional.of(data);
        } catch (CacheEntry.Invalid e) {
            misses.increment();
            throw discard(key, e.getMessage());
        }
    }

    /**
     * Deletes a damaged entry and returns the error that reports it. A writer that replaced the
     * entry in the meantime loses its good copy too: that costs one compilation, never a wrong
     * artifact.
     */
    private CacheCorruption discard(String key, String problem) {
        corrupt.increment();
        link.call("delete", c -> c.unlink(redisKey(key)));
        String where = describe() + " entry " + config.keyPrefix() + key;
        log.log(Level.WARNING, "removed damaged remote cache entry {0}: {1}", where, problem);
        return new CacheCorruption(where, problem + "; entry removed");
    }

    /**
     * Writes the entry with the configured time to live. Never throws: a server that is down or
     * refuses writes was reported once by the tier itself, and the compilation goes on.
     */
    @Override
    public void put(String key, byte[] data) {
        byte[] entry = CacheEntry.encode(key, data);
        if (link.call("write", c -> c.setex(redisKey(key), ttlSeconds, entry)).isPresent()) {
            writes.increment();
        } else {
            writeFailures.increment();
        }
    }

    @Override
    public void remove(String key) {
        link.call("delete", c -> c.unlink(redisKey(key)));
    }

    /**
     * This process's counters ({@code errors} is {@link #errors()}), and what the server holds
     * under the prefix now ({@code -1} for entries, bytes and the bound when the server cannot be
     * reached). The bound is the server's {@code maxmemory} ({@code 0}: unbounded but for the
     * entries' time to live).
     */
    @Override
    public CacheStats stats() {
        long[] held = link.call("scan", c -> {
            long[] sums = new long[2];
            forEachBatch(c, keys -> {
                try (AbstractPipeline p = c.pipelined()) {
                    List<Response<Long>> sizes = keys.stream().map(p::strlen).toList();
                    p.sync();
                    for (Response<Long> size : sizes) {
                        if (size.get() > 0) { // 0: expired between SCAN and STRLEN
                            sums[0]++;
                            sums[1] += size.get();
                        }
                    }
                }
            });
            return new long[] {sums[0], sums[1], maxMemory(c)};
        }).orElse(new long[] {-1, -1, -1});
        return new CacheStats(describe(), held[0], held[1], held[2], hits.sum(), misses.sum(), writes.sum(), 0,
                corrupt.sum(), writeFailures.sum(), errors());
    }

    /** Calls that failed because the server was unreachable, timed out, or answered with an error. */
    public long errors() {
        return link.failures();
    }

    /** Calls not made because the server was in back-off after a failure. */
    public long skipped() {
        return link.skipped();
    }

    /** Reads every entry under the prefix and deletes the damaged ones (nothing when the server is down). */
    @Override
    public VerifyReport verify() {
        List<String> removed = new ArrayList<>();
        long checked = link.call("verify", c -> {
            long[] n = new long[1];
            forEachBatch(c, keys -> {
                List<byte[]> values = c.mget(keys.toArray(byte[][]::new));
                for (int i = 0; i < keys.size(); i++) {
                    if (values.get(i) == null) {
                        continue; // expired or evicted while we looked
                    }
                    n[0]++;
                    String key = new String(keys.get(i), StandardCharsets.UTF_8).substring(config.keyPrefix().length());
                    try {
                        ArtifactCodec.decode(CacheEntry.decode(key, values.get(i)), describe() + " entry " + key);
                    } catch (CacheEntry.Invalid e) {
                        removed.add(discard(key, e.getMessage()).getMessage());
                    } catch (CacheCorruption e) {
                        removed.add(discard(key, "artifact inside: " + e.getMessage()).getMessage());
                    }
                }
            });
            return n[0];
        }).orElse(0L);
        return new VerifyReport(describe(), checked, checked - removed.size(), removed);
    }

    /** Deletes every entry under the prefix, and nothing else in the database. */
    @Override
    public void clear() throws IOException {
        if (link.call("clear", c -> {
            forEachBatch(c, keys -> c.unlink(keys.toArray(byte[][]::new)));
            return Boolean.TRUE;
        }).isEmpty()) {
            throw new IOException("remote cache " + describe() + " is unreachable; nothing was cleared");
        }
    }

    /** Closes the connections. */
    @Override
    public void close() {
        link.close();
    }

    @Override
    public String toString() {
        return "RedisCacheStore[" + describe() + ", prefix " + config.keyPrefix() + "]";
    }

    private byte[] redisKey(String key) {
        return (config.keyPrefix() + key).getBytes(StandardCharsets.UTF_8);
    }

    /** Hands every key under the prefix to {@code action}, a batch at a time (SCAN never blocks the server). */
    private void forEachBatch(UnifiedJedis c, Consumer<List<byte[]>> action) {
        ScanParams params = new ScanParams().match(glob(config.keyPrefix()) + "*").count(SCAN_BATCH);
        byte[] cursor = ScanParams.SCAN_POINTER_START_BINARY;
        ScanResult<byte[]> page;
        do {
            page = c.scan(cursor, params);
            if (!page.getResult().isEmpty()) {
                action.accept(page.getResult());
            }
            cursor = page.getCursorAsBytes();
        } while (!page.isCompleteIteration());
    }

    /** The prefix as a SCAN pattern that matches it literally. */
    static String glob(String prefix) {
        StringBuilder b = new StringBuilder();
        for (char ch : prefix.toCharArray()) {
            if ("*?[]\\".indexOf(ch) >= 0) {
                b.append('\\');
            }
            b.append(ch);
        }
        return b.toString();
    }

    private static long maxMemory(UnifiedJedis c) {
        for (String line : c.info("memory").split("\r?\n")) {
            if (line.startsWith("maxmemory:")) {
                return Long.parseLong(line.substring("maxmemory:".length()).strip());
            }
        }
        return -1;
    }
}
