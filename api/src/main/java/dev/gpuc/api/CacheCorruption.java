package dev.gpuc.api;

/** A stored artifact or cache entry that fails its checks (truncated, altered, foreign format). */
public final class CacheCorruption extends GpucException {
    private static final long serialVersionUID = 1L;
    private final String where;

    public CacheCorruption(String where, String message) {
        super(where + ": " + message, null);
        this.where = where;
    }

    public String where() {
        return where;
    }

    @Override
    public String kind() {
        return "cache-corruption";
    }
}
