package dev.gpuc.compiler;

import dev.gpuc.api.CacheCorruption;
import java.io.IOException;
import java.util.Optional;

/**
 * One tier of the artifact cache. The {@link Compiler} takes an ordered list of tiers (fastest
 * first): a lookup asks each in turn, a hit in a lower tier fills the tiers above it, and a new
 * artifact is written through to all of them. A remote tier is one more implementation; the
 * driver does not change for it.
 *
 * <p>Entries are the bytes of {@link dev.gpuc.api.ArtifactCodec#encode}, keyed by the hex
 * {@link CacheKey}. Implementations are thread-safe.
 */
public interface CacheStore {
    /** A short description for messages and {@code gpuc cache stats}, such as {@code disk:/home/u/.cache/gpuc}. */
    String describe();

    /**
     * The entry stored under {@code key}, verified against the tier's own checksum.
     *
     * @throws CacheCorruption when the stored entry is damaged or of a foreign format; the tier
     *                         has already removed it, so the caller treats it as a miss
     */
    Optional<byte[]> get(String key);

    /**
     * Stores an entry, replacing any previous one; readers never observe a partial entry.
     *
     * <p>A tier that cannot store may either throw or fail open: count the failure (in
     * {@link CacheStats#writeFailures()} and {@link CacheStats#errors()}), log it once rather than
     * on every call (an unreachable server fails every write until it is back), and return
     * normally. Either way the caller carries on without caching.
     *
     * @throws IOException when the tier cannot store it (disk full, read-only) and reports that
     *                     to its caller
     */
    void put(String key, byte[] entry) throws IOException;

    void remove(String key);

    CacheStats stats();

    /** Reads every entry, removes the damaged ones, and says what it found. */
    VerifyReport verify();

    /** Removes every entry. */
    void clear() throws IOException;

    /**
     * Excludes other processes sharing this tier from compiling {@code key} until the lease is
     * closed, so that identical requests across processes compile once. Tiers that cannot
     * coordinate processes return a lease that excludes nothing.
     */
    default Lease lease(String key) {
        return Lease.NONE;
    }

    /** A held exclusion; closing it lets the next waiter in. */
    interface Lease extends AutoCloseable {
        Lease NONE = () -> {};

        @Override
        void close();
    }
}
