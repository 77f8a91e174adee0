package dev.gpuc.api;

/**
 * How an artifact's runtime-global slots get their values. The set is closed: every loader and
 * the cache key reason about exactly these four (see DESIGN.md).
 */
public enum RelocationStrategy {
    /** Addresses inlined at compile time; fastest code, valid only in the session that compiled it. */
    BAKE,
    /** Slots are defined, visible globals; the loader writes the current values after loading. */
    PATCH,
    /** Slots are undefined symbols whose address is the value; the loader defines them at link time. */
    IMPORT,
    /** Slots are read from a table passed to each kernel as a hidden trailing pointer argument. */
    TABLE;

    /** Whether an artifact compiled this way may outlive the session that compiled it. */
    public boolean isPortable() {
        return this != BAKE;
    }
}
