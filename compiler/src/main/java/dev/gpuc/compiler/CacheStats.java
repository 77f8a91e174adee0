package dev.gpuc.compiler;

/**
 * The state of one cache tier. {@code entries}, {@code bytes} and {@code maxBytes} describe
 * what is stored now; the counters count this process's operations since the tier was opened.
 *
 * @param corrupt entries found damaged and removed
 * @param writeFailures entries that could not be stored (the compilation went on without caching)
 */
public record CacheStats(String tier, long entries, long bytes, long maxBytes, long hits, long misses,
                         long writes, long evictions, long corrupt, long writeFailures) {}
