package dev.gpuc.isolation;

/**
 * Where compilations run. Costs measured on this project's build machine are in README.md.
 */
public enum IsolationPolicy {
    /** In this process: no overhead; an LLVM abort or segfault ends the process. */
    IN_PROCESS,
    /**
     * In a worker process, always: a crash fails the job with {@code BackendCrash} and the host
     * goes on. Costs a worker start (a JVM and LLVM) the first time each worker is needed, then a
     * few milliseconds per job for the round trips, and each worker's memory.
     */
    ISOLATED,
    /**
     * In a worker for backends the caller marks untrusted and for jobs marked
     * {@link Trust#UNTRUSTED}; in this process for the rest.
     */
    AUTOMATIC
}
