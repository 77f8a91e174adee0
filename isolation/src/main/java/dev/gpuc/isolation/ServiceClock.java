package dev.gpuc.isolation;

/**
 * A worker's own time on the request it serves: from reading the request to building the
 * reply, less the time it waited for the host's answers to its runtime-value questions. The
 * host subtracts it from the request's round trip to report what isolation itself cost (the
 * {@code ipc} stage): pipes, thread wake-ups, encoding and decoding, answering questions. The
 * worker's work outside the pipeline's stages (creating the target machine, writing the key
 * material) is its own time, as it is in this process, not isolation's.
 */
final class ServiceClock {
    private long started;
    private long waited;

    /** A request was read: its clock starts. */
    void request() {
        started = System.nanoTime();
        waited = 0;
    }

    /** The worker waited this long for the host to answer a question. */
    void waitedForHost(long nanos) {
        waited += nanos;
    }

    long serviceNanos() {
        return System.nanoTime() - started - waited;
    }
}
