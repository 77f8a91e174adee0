package dev.gpuc.api;

/**
 * A compilation whose worker process died (a signal, an LLVM abort, a time or memory limit);
 * the host survived. Carries the signal or exit status and the worker's last output.
 */
public final class BackendCrash extends GpucException {
    private static final long serialVersionUID = 1L;
    private final String cause;
    private final String lastOutput;

    /**
     * @param cause      what happened, such as {@code signal 6 (SIGABRT)} or {@code timeout after 60 s}
     * @param lastOutput the tail of the worker's stderr (LLVM's last message)
     */
    public BackendCrash(String cause, String lastOutput) {
        super("backend crashed: " + cause + (lastOutput == null || lastOutput.isBlank() ? ""
                : ": " + lastOutput.strip().lines().reduce((a, b) -> b).orElse("")), null);
        this.cause = cause;
        this.lastOutput = lastOutput == null ? "" : lastOutput;
    }

    public String crashCause() {
        return cause;
    }

    public String lastOutput() {
        return lastOutput;
    }

    @Override
    public String kind() {
        return "backend-crash";
    }
}
