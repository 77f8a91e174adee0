package dev.gpuc.compiler;

import dev.gpuc.api.Artifact;
import dev.gpuc.api.ArtifactCodec;
import dev.gpuc.api.CacheCorruption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The in-process tier: entries in memory, bounded in bytes (their encoded size), least recently
 * used evicted first. The compiler keeps decoded artifacts here ({@link #artifact}), so a memory
 * hit neither decodes nor re-verifies: the artifact was verified (or produced) when it entered
 * the process, and artifacts are immutable. Entries put as bytes are decoded on first use.
 */
public final class MemoryCacheStore implements CacheStore {
    public static final long DEFAULT_MAX_BYTES = 64L << 20;

    /** An entry: the encoded bytes, the decoded artifact, or both; {@code size} is the encoded length. */
    private record Entry(byte[] bytes, Artifact artifact, long size) {}

    private final long maxBytes;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
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
    public Optional<byte[]> get(String key) {
        return lookup(key).map(e -> e.bytes() != null ? e.bytes().clone() : ArtifactCodec.encode(e.artifact()));
    }

    /** The entry under {@code key}, counted as a hit or a miss. */
    private synchronized Optional<Entry> lookup(String key) {
        Entry e = entries.get(key);
        if (e == null) {
            misses++;
            return Optional.empty();
        }
        hits++;
        return Optional.of(e);
    }

    /**
     * The decoded artifact under {@code key}, decoding (and keeping) it if the entry was put as
     * bytes.
     *
     * @throws CacheCorruption when bytes put here do not decode; the entry is removed
     */
    Optional<Artifact> artifact(String key) {
        Optional<Entry> found = lookup(key);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Entry e = found.get();
        if (e.artifact() != null) {
            return Optional.of(e.artifact());
        }
        Artifact decoded;
        try {
            decoded = ArtifactCodec.decode(e.bytes(), describe() + " entry " + key);
        } catch (CacheCorruption damaged) {
            remove(key);
            throw damaged;
        }
        synchronized (this) {
            entries.replace(key, e, new Entry(null, decoded, e.size()));
        }
        return Optional.of(decoded);
    }

    @Override
    public void put(String key, byte[] entry) {
        insert(key, new Entry(entry.clone(), null, entry.length));
    }

    /** Keeps a decoded artifact whose encoding is {@code encodedSize} bytes long. */
    void put(String key, Artifact artifact, long encodedSize) {
        insert(key, new Entry(null, artifact, encodedSize));
    }

    private synchronized void insert(String key, Entry entry) {
        if (entry.size() > maxBytes) {
            return; // would evict everything and still not fit
        }
        Entry previous = entries.put(key, entry);
        bytes += entry.size() - (previous == null ? 0 : previous.size());
        writes++;
        Iterator<Map.Entry<String, Entry>> eldest = entries.entrySet().iterator();
        while (bytes > maxBytes && eldest.hasNext()) {
            Map.Entry<String, Entry> e = eldest.next();
            bytes -= e.getValue().size();
            eldest.remove();
            evictions++;
        }
    }

    @Override
    public synchronized void remove(String key) {
        Entry previous = entries.remove(key);
        if (previous != null) {
            bytes -= previous.size();
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
