package dev.gpuc.compiler;

/**
 * The state of one cache tier. {@code entries}, {@code bytes} and {@code maxBytes} describe
 * what is stored now; the counters count this process's operations since the tier was opened.
 *
 * @param corrupt       entries found damaged and removed
 * @param writeFailures entries that could not be stored (the compilation went on without caching)
 * @param errors        calls to the tier's storage that failed (an I/O error, an unreachable or
 *                      refusing server) and were taken as misses or dropped writes, failed writes
 *                      included
 */
public record CacheStats(String tier, long entries, long bytes, long maxBytes, long hits, long misses,
                         long writes, long evictions, long corrupt, long writeFailures, long errors) {
    /** Stats of a tier that counts no errors apart from its failed writes. */
    public CacheStats(String tier, long entries, long bytes, long maxBytes, long hits, long misses, long writes,
                      long evictions, long corrupt, long writeFailures) {
        this(tier, entries, bytes, maxBytes, hits, misses, writes, evictions, corrupt, writeFailures, writeFailures);
    }
}
