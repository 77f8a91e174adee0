package dev.gpuc.api;

/**
 * Every error gpuc reports about its input, its backends or its cache. The set is closed so
 * callers (the CLI, the isolated-compilation protocol) can handle each kind; {@link #kind()}
 * is the short name used in {@code error[kind]: message}.
 */
public abstract sealed class GpucException extends RuntimeException
        permits InvalidInputIr, InvalidIrForTarget, UnsupportedFeature, BackendUnavailable, BackendFailure,
                BackendCrash, UnresolvedRuntimeValue, CacheCorruption {
    private static final long serialVersionUID = 1L;

    protected GpucException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Short, stable name of the error kind, such as {@code invalid-ir}. */
    public abstract String kind();
}
