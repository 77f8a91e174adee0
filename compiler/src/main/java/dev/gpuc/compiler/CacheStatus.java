package dev.gpuc.compiler;

/** What the cache did for one compilation; the outcome's reason says why. */
public enum CacheStatus {
    /** The artifact came from a cache tier (or from an identical compilation running at the same time). */
    HIT,
    /** Not cached yet: compiled, and stored where the persistence rule allows. */
    MISS,
    /** The cache was not consulted: caching is off, or the artifact must not outlive this session. */
    BYPASS;

    /** The lower-case name used in JSON and messages. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
