package dev.gpuc.api;

/** A runtime-global key the loading session cannot resolve, or resolves to a stale baked address. */
public final class UnresolvedRuntimeValue extends GpucException {
    private static final long serialVersionUID = 1L;
    private final String key;

    public UnresolvedRuntimeValue(String key, String message) {
        super(message, null);
        this.key = key;
    }

    public String key() {
        return key;
    }

    @Override
    public String kind() {
        return "unresolved-runtime-value";
    }
}
