package dev.gpuc.isolation;

import dev.gpuc.api.BackendCrash;
import dev.gpuc.api.BackendUnavailable;
import dev.gpuc.api.CompileJob;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Semaphore;
import java.util.stream.Stream;

/**
 * Worker JVMs that compile jobs so that an LLVM crash ends a worker, not this process. Workers
 * are started on demand (up to {@link WorkerPoolConfig#workers()}), reused for job after job,
 * and replaced when one dies or is killed. Thread-safe; {@link #start} blocks while every
 * worker is busy.
 *
 * <pre>
 * try (IsolatedCompilation c = pool.start(job)) {   // the worker parses, links, extracts, validates
 *     byte[] key = c.keyMaterial();                 // sent back by the worker
 *     CompileResult r = c.finish();                 // or close() without finish() to abandon
 * }
 * </pre>
 */
public final class WorkerPool implements AutoCloseable {
    /** Counters since the pool was made. */
    public record Stats(int workersStarted, int workersLost, int workersAlive, long jobsStarted) {}

    private final WorkerPoolConfig config;
    private final Semaphore free;
    private final Deque<Worker> idle = new ArrayDeque<>();
    private final Set<Worker> all = new HashSet<>();
    private Path workDir;
    private boolean closed;
    private int started;
    private int lost;
    private long jobs;
    /**
     * Whether the last compilation's caller took its key material (a compiler always does, to
     * look up its cache): if so, the next START asks for it with STARTED, else it is fetched only
     * when asked for. Either way the caller gets the same bytes; a wrong guess costs a round
     * trip or a bitcode write.
     */
    private volatile boolean keyMaterialExpected = true;

    public WorkerPool(WorkerPoolConfig config) {
        this.config = config;
        this.free = new Semaphore(config.workers(), true);
    }

    public WorkerPoolConfig config() {
        return config;
    }

    /**
     * Starts {@code job} in a worker: parse, link, extract, choose the strategy, validate. The
     * worker stays with the compilation until it is finished or closed.
     *
     * @throws dev.gpuc.api.GpucException the job's typed error; {@link BackendCrash} when the
     *                                    worker died on it (it is replaced); {@link BackendUnavailable}
     *                                    when no worker could be started
     * @throws CancellationException      when the thread is interrupted while waiting
     */
    public IsolatedCompilation start(CompileJob job) {
        long t0 = System.nanoTime();
        Worker worker = acquire(job.target().backend());
        return IsolatedCompilation.start(this, worker, job, System.nanoTime() - t0);
    }

    boolean keyMaterialExpected() {
        return keyMaterialExpected;
    }

    void expectKeyMaterial(boolean taken) {
        keyMaterialExpected = taken;
    }

    public synchronized Stats stats() {
        return new Stats(started, lost, all.size(), jobs);
    }

    private Worker acquire(String backendId) {
        try {
            free.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for a gpuc worker");
        }
        try {
            Path dir;
            List<Worker> gone = new ArrayList<>();
            try {
                synchronized (this) {
                    if (closed) {
                        throw new IllegalStateException("the worker pool is closed");
                    }
                    jobs++;
                    Worker w;
                    while ((w = idle.poll()) != null) {
                        if (w.usable()) {
                            return w;
                        }
                        gone.add(w); // died while idle (killed from outside): replace it, do not fail a job on it
                        all.remove(w);
                        lost++;
                    }
                    dir = workDir();
                }
            } finally {
                gone.forEach(Worker::kill);
            }
            Worker w = Worker.spawn(config, dir, backendId); // outside the lock: a JVM start takes a while
            synchronized (this) {
                started++;
                if (closed) {
                    w.shutdown();
                    throw new IllegalStateException("the worker pool is closed");
                }
                all.add(w);
            }
            return w;
        } catch (RuntimeException | Error e) {
            free.release();
            throw e;
        }
    }

    /** Takes a worker back after a job; a dead one is dropped, to be replaced on demand. */
    void release(Worker w) {
        boolean keep;
        synchronized (this) {
            keep = w.usable() && !closed;
            if (keep) {
                idle.push(w);
            } else if (all.remove(w) && !closed) {
                lost++;
            }
        }
        if (!keep) {
            w.kill();
        }
        free.release();
    }

    /** The directory workers run in: crash reports land there, not in the user's directory. */
    private Path workDir() {
        if (workDir == null) {
            try {
                workDir = Files.createTempDirectory("gpuc-workers-");
            } catch (IOException e) {
                throw new BackendUnavailable("isolation", true, "cannot create a directory for worker processes: " + e);
            }
        }
        return workDir;
    }

    /**
     * Ends every worker: idle ones exit, busy ones are killed (their jobs fail with
     * {@link BackendCrash}). The pool cannot be used afterwards.
     */
    @Override
    public void close() {
        Set<Worker> busy;
        Set<Worker> waiting;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            waiting = new HashSet<>(idle);
            busy = new HashSet<>(all);
            busy.removeAll(waiting);
            idle.clear();
            all.clear();
        }
        waiting.forEach(Worker::shutdown);
        busy.forEach(Worker::kill);
        deleteWorkDir();
    }

    private void deleteWorkDir() {
        if (workDir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(workDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
