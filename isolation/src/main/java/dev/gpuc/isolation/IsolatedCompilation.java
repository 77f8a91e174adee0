package dev.gpuc.isolation;

import dev.gpuc.api.CompileJob;
import dev.gpuc.api.RelocationStrategy;
import dev.gpuc.passes.CompileResult;
import dev.gpuc.passes.ExtractionResult;
import dev.gpuc.passes.StageTiming;
import dev.gpuc.passes.StartedCompilation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A compilation started in a worker process, holding that worker until it is finished or
 * closed. What {@code start} produced (strategy, extraction) came back from the worker; the key
 * material too when the pool expects the caller to take it ({@link WorkerPool#keyMaterialExpected}),
 * else it is fetched when asked for. {@link #finish} asks the same worker to run the rest.
 *
 * <p>Its timings (after the start, and the result's) are the worker's pipeline stages plus two
 * of the host's own: {@code worker} (waiting for a free worker, or starting one) and {@code ipc}
 * (what the round trips cost beyond the worker's own time on each request, which it reports:
 * encoding, pipes, thread wake-ups, decoding, answering its runtime-value questions).
 */
public final class IsolatedCompilation implements StartedCompilation {
    private final WorkerPool pool;
    private final CompileJob job;
    private final StartReply started;
    private final long acquireNanos;
    /** The round trips so far: the job's time limit counts them. */
    private long workerNanos;
    /** Their cost beyond the worker's own time on each request. */
    private long ipcNanos;
    private List<StageTiming> timings;
    private Worker worker;
    /** From STARTED when the pool expected the caller to want it, else fetched on the first ask. */
    private byte[] keyMaterial;
    private boolean keyMaterialAsked;
    /** Why fetching the key material ended the compilation (the worker dropped the job or died). */
    private RuntimeException failure;
    private boolean finished;

    private IsolatedCompilation(WorkerPool pool, Worker worker, CompileJob job, StartReply started, long acquireNanos,
                                long roundTripNanos) {
        this.pool = pool;
        this.worker = worker;
        this.job = job;
        this.started = started;
        this.acquireNanos = acquireNanos;
        this.workerNanos = roundTripNanos;
        this.ipcNanos = ipcOf(roundTripNanos, started.serviceNanos());
        this.timings = withHostStages(started.timings());
        this.keyMaterial = started.keyMaterial();
    }

    static IsolatedCompilation start(WorkerPool pool, Worker worker, CompileJob job, long acquireNanos) {
        boolean handedOver = false;
        try {
            long t0 = System.nanoTime();
            byte[] request = JobCodec.encode(new WireWriter(), job).bool(pool.keyMaterialExpected()).toByteArray();
            byte[] reply = worker.request(MessageType.START, request, MessageType.STARTED,
                    t0 + pool.config().jobTimeout().toNanos(), answers(job));
            StartReply s = decode(worker, () -> StartReply.decode(reply));
            IsolatedCompilation c = new IsolatedCompilation(pool, worker, job, s, acquireNanos, System.nanoTime() - t0);
            handedOver = true;
            return c;
        } finally {
            if (!handedOver) {
                pool.release(worker);
            }
        }
    }

    private static Worker.Answers answers(CompileJob job) {
        return (question, body) -> RemoteRuntimeValues.answer(question, body, job.runtimeValues());
    }

    @Override
    public CompileJob job() {
        return job;
    }

    @Override
    public String backendId() {
        return started.backendId();
    }

    @Override
    public String backendVersion() {
        return started.backendVersion();
    }

    @Override
    public ExtractionResult extraction() {
        return started.extraction();
    }

    @Override
    public RelocationStrategy strategy() {
        return started.strategy();
    }

    @Override
    public List<String> entryPoints() {
        return started.entryPoints();
    }

    @Override
    public String pipelineDescription() {
        return started.pipeline();
    }

    @Override
    public List<StageTiming> stageTimings() {
        return timings;
    }

    @Override
    public byte[] keyMaterial() {
        if (finished) {
            throw new IllegalStateException("key material must be taken before finish()");
        }
        keyMaterialAsked = true;
        if (keyMaterial == null) {
            keyMaterial = fetchKeyMaterial();
        }
        return keyMaterial.clone();
    }

    /**
     * The key material STARTED did not carry: one more round trip, within what is left of the
     * job's time limit. If it fails, the worker has dropped the job (or died) and is given back.
     */
    private byte[] fetchKeyMaterial() {
        Worker w = worker;
        if (w == null) {
            throw ended();
        }
        long t0 = System.nanoTime();
        try {
            byte[] reply = w.request(MessageType.KEY_MATERIAL_REQUEST, new byte[0], MessageType.KEY_MATERIAL,
                    t0 + timeLeft(), answers(job));
            KeyMaterialReply r = decode(w, () -> KeyMaterialReply.decode(reply));
            ipcNanos += ipcOf(System.nanoTime() - t0, r.serviceNanos());
            return r.keyMaterial();
        } catch (RuntimeException e) {
            worker = null;
            failure = e;
            pool.release(w);
            throw e;
        } finally {
            workerNanos += System.nanoTime() - t0;
        }
    }

    /** Why a compilation that no longer holds its worker cannot go on. */
    private IllegalStateException ended() {
        return failure != null
                ? new IllegalStateException("the compilation ended when fetching its key material failed", failure)
                : new IllegalStateException("compilation is closed");
    }

    /** The worker's time left for this job: the host's own time between requests does not count. */
    private long timeLeft() {
        return pool.config().jobTimeout().toNanos() - workerNanos;
    }

    /**
     * Runs the rest of the pipeline in the worker, within what is left of the job's time limit.
     *
     * @throws dev.gpuc.api.BackendCrash when the worker dies, runs out of memory or time
     */
    @Override
    public CompileResult finish() {
        if (finished) {
            throw new IllegalStateException("compilation already finished");
        }
        finished = true;
        Worker w = worker;
        if (w == null) {
            throw ended();
        }
        worker = null;
        pool.expectKeyMaterial(keyMaterialAsked);
        try {
            long t0 = System.nanoTime();
            byte[] reply = w.request(MessageType.FINISH, new byte[0], MessageType.RESULT, t0 + timeLeft(),
                    answers(job));
            FinishReply r = decode(w, () -> FinishReply.decode(reply));
            long roundTrip = System.nanoTime() - t0;
            workerNanos += roundTrip;
            ipcNanos += ipcOf(roundTrip, r.serviceNanos());
            timings = withHostStages(r.result().timings());
            return new CompileResult(r.result().artifact(), timings, Optional.empty());
        } finally {
            pool.release(w);
        }
    }

    /** What a round trip cost beyond the worker's own time on it. */
    private static long ipcOf(long roundTripNanos, long serviceNanos) {
        return Math.max(0, roundTripNanos - serviceNanos);
    }

    /** The worker's stages, then the host's: waiting for a worker, and the round trips' own cost. */
    private List<StageTiming> withHostStages(List<StageTiming> workerStages) {
        List<StageTiming> all = new ArrayList<>(workerStages);
        all.add(new StageTiming("worker", Duration.ofNanos(acquireNanos)));
        all.add(new StageTiming("ipc", Duration.ofNanos(ipcNanos)));
        return List.copyOf(all);
    }

    /** Decodes a reply; one the host cannot read means the worker is not to be trusted further. */
    private static <T> T decode(Worker w, java.util.function.Supplier<T> body) {
        try {
            return body.get();
        } catch (RuntimeException e) {
            w.kill();
            throw WorkerDeath.broken("its reply does not decode (" + e.getMessage() + ")", "");
        }
    }

    /** Abandons an unfinished compilation: the worker drops it and goes back to the pool. */
    @Override
    public void close() {
        Worker w = worker;
        if (w == null) {
            return;
        }
        worker = null;
        pool.expectKeyMaterial(keyMaterialAsked);
        try {
            if (w.usable()) {
                w.send(MessageType.ABANDON, new byte[0]);
            }
        } catch (RuntimeException e) {
            // the worker died while idle: it is dropped below
        } finally {
            pool.release(w);
        }
    }
}
