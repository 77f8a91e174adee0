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
 * closed. What {@code start} produced (key material, strategy, extraction) came back from the
 * worker; {@link #finish} asks the same worker to run the rest.
 *
 * <p>Its timings (after the start, and the result's) are the worker's pipeline stages plus two
 * of the host's own: {@code worker} (waiting for a free worker, or starting one) and {@code ipc}
 * (everything the round trips cost beyond the worker's stages: encoding, pipes, decoding).
 */
public final class IsolatedCompilation implements StartedCompilation {
    private final WorkerPool pool;
    private final CompileJob job;
    private final StartReply started;
    private final long acquireNanos;
    private long workerNanos;
    private List<StageTiming> timings;
    private Worker worker;
    private boolean finished;

    private IsolatedCompilation(WorkerPool pool, Worker worker, CompileJob job, StartReply started, long acquireNanos,
                                long workerNanos) {
        this.pool = pool;
        this.worker = worker;
        this.job = job;
        this.started = started;
        this.acquireNanos = acquireNanos;
        this.workerNanos = workerNanos;
        this.timings = withHostStages(started.timings());
    }

    static IsolatedCompilation start(WorkerPool pool, Worker worker, CompileJob job, long acquireNanos) {
        boolean handedOver = false;
        try {
            long t0 = System.nanoTime();
            byte[] reply = worker.request(MessageType.START, JobCodec.encode(job), MessageType.STARTED,
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
        return started.keyMaterial().clone();
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
        worker = null;
        try {
            long t0 = System.nanoTime();
            long left = pool.config().jobTimeout().toNanos() - workerNanos;
            byte[] reply = w.request(MessageType.FINISH, new byte[0], MessageType.RESULT, t0 + left,
                    answers(job));
            CompileResult r = decode(w, () -> FinishReply.decode(reply));
            workerNanos += System.nanoTime() - t0;
            timings = withHostStages(r.timings());
            return new CompileResult(r.artifact(), timings, Optional.empty());
        } finally {
            pool.release(w);
        }
    }

    /** The worker's stages, then the host's: waiting for a worker, and the rest of the round trips. */
    private List<StageTiming> withHostStages(List<StageTiming> workerStages) {
        Duration inWorker = workerStages.stream().map(StageTiming::duration).reduce(Duration.ZERO, Duration::plus);
        List<StageTiming> all = new ArrayList<>(workerStages);
        all.add(new StageTiming("worker", Duration.ofNanos(acquireNanos)));
        all.add(new StageTiming("ipc", Duration.ofNanos(Math.max(0, workerNanos - inWorker.toNanos()))));
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
