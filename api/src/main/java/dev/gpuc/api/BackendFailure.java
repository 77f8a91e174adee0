package dev.gpuc.api;

/** A backend (LLVM code generation, an external tool, a driver) failed and said why. */
public final class BackendFailure extends GpucException {
    private static final long serialVersionUID = 1L;
    private final String backend;

    public BackendFailure(String backend, String message, Throwable cause) {
        super(message, cause);
        this.backend = backend;
    }

    public BackendFailure(String backend, String message) {
        this(backend, message, null);
    }

    public String backend() {
        return backend;
    }

    @Override
    public String kind() {
        return "backend";
    }
}
