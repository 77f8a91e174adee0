package dev.gpuc.compiler;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The in-process tier: entries in memory, bounded in bytes, least recently used evicted first. */
public final class MemoryCacheStore implements CacheStore {
    public static final long DEFAULT_MAX_BYTES = 64L << 20;

    private final long maxBytes;
    private final LinkedHashMap<String, byte[]> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;
    private long hits;
    private long misses;
    private long writes;
    private long evictions;

    public MemoryCacheStore(long maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("memory cache size must be positive, got " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    public MemoryCacheStore() {
        this(DEFAULT_MAX_BYTES);
    }

    @Override
    public String describe() {
        return "memory";
    }

    @Override
    public synchronized Optional<byte[]> get(String key) {
        byte[] e = entries.get(key);
        if (e == null) {
            misses++;
            return Optional.empty();
        }
        hits++;
        return Optional.of(e.clone());
    }

    @Override
    public synchronized void put(String key, byte[] entry) {
        if (entry.length > maxBytes) {
            return; // would evict everything and still not fit
        }
        byte[] previous = entries.put(key, entry.clone());
        bytes += entry.length - (previous == null ? 0 : previous.length);
        writes++;
        Iterator<Map.Entry<String, byte[]>> eldest = entries.entrySet().iterator();
        while (bytes > maxBytes && eldest.hasNext()) {
            Map.Entry<String, byte[]> e = eldest.next();
            bytes -= e.getValue().length;
            eldest.remove();
            evictions++;
        }
    }

    @Override
    public synchronized void remove(String key) {
        byte[] previous = entries.remove(key);
        if (previous != null) {
            bytes -= previous.length;
        }
    }

    @Override
    public synchronized CacheStats stats() {
        return new CacheStats(describe(), entries.size(), bytes, maxBytes, hits, misses, writes, evictions, 0, 0);
    }

    /** Memory cannot rot: every entry was verified when it entered the process. */
    @Override
    public synchronized VerifyReport verify() {
        return new VerifyReport(describe(), entries.size(), entries.size(), List.of());
    }

    @Override
    public synchronized void clear() {
        entries.clear();
        bytes = 0;
    }
}
