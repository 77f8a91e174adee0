package dev.gpuc.api;

/**
 * A backend that is not on the class path, or that is present but cannot run on this machine
 * (the message says which, and why).
 */
public final class BackendUnavailable extends GpucException {
    private static final long serialVersionUID = 1L;
    private final String backend;
    private final boolean installed;

    public BackendUnavailable(String backend, boolean installed, String message) {
        super(message, null);
        this.backend = backend;
        this.installed = installed;
    }

    public String backend() {
        return backend;
    }

    /** True when the backend is on the class path but reported itself unavailable. */
    public boolean installed() {
        return installed;
    }

    @Override
    public String kind() {
        return "backend-unavailable";
    }
}
