package dev.gpuc.isolation;

import dev.gpuc.api.Backend;
import dev.gpuc.api.Backends;
import dev.gpuc.api.CompileJob;
import java.util.Set;
import java.util.TreeSet;

/**
 * Applies an {@link IsolationPolicy}: starts each compilation in this process or in a worker,
 * behind the one {@link StartedCompilation} shape. The worker pool is made on the first
 * isolated job. Thread-safe.
 *
 * <pre>
 * Isolation isolation = Isolation.builder().policy(IsolationPolicy.AUTOMATIC).untrustedBackend("spirv").build();
 * try (StartedCompilation c = isolation.start(job, Trust.UNTRUSTED)) {
 *     CacheKey key = ...(c.keyMaterial(), c.optimizationPipeline(), c.backendId(), c.backendVersion());
 *     ... look up the cache; on a miss: CompileResult r = c.finish();
 * }
 * </pre>
 */
public final class Isolation implements AutoCloseable {
    private final IsolationPolicy policy;
    private final Set<String> untrustedBackends;
    private final WorkerPoolConfig workers;
    private final Backends backends;
    private WorkerPool pool;
    private boolean closed;

    private Isolation(Builder b) {
        this.policy = b.policy;
        this.untrustedBackends = Set.copyOf(b.untrustedBackends);
        this.workers = b.workers;
        this.backends = b.backends != null ? b.backends : Backends.discover();
    }

    public static Builder builder() {
        return new Builder();
    }

    public IsolationPolicy policy() {
        return policy;
    }

    /** Backend ids that {@link IsolationPolicy#AUTOMATIC} always isolates. */
    public Set<String> untrustedBackends() {
        return untrustedBackends;
    }

    /** Whether a job with this trust runs in a worker under this policy. */
    public boolean isolates(CompileJob job, Trust trust) {
        return switch (policy) {
            case IN_PROCESS -> false;
            case ISOLATED -> true;
            case AUTOMATIC -> trust == Trust.UNTRUSTED || untrustedBackends.contains(job.target().backend());
        };
    }

    /** Starts a job the caller vouches for. */
    public StartedCompilation start(CompileJob job) {
        return start(job, Trust.TRUSTED);
    }

    /**
     * Starts {@code job} where the policy says. In a worker, nothing of the job runs in this
     * process, the backend's discovery included.
     *
     * @throws dev.gpuc.api.GpucException the job's typed error, {@code BackendCrash} included
     */
    public StartedCompilation start(CompileJob job, Trust trust) {
        if (isolates(job, trust)) {
            return pool().start(job);
        }
        Backend backend = backends.lookup(job.target().backend()).orThrow();
        return InProcessCompilation.start(job, backend);
    }

    /** The worker pool, made on first use. */
    public synchronized WorkerPool pool() {
        if (closed) {
            throw new IllegalStateException("isolation is closed");
        }
        if (pool == null) {
            pool = new WorkerPool(workers);
        }
        return pool;
    }

    /** Ends the workers, if any were started. */
    @Override
    public synchronized void close() {
        closed = true;
        if (pool != null) {
            pool.close();
        }
    }

    public static final class Builder {
        private IsolationPolicy policy = IsolationPolicy.IN_PROCESS;
        private final Set<String> untrustedBackends = new TreeSet<>();
        private WorkerPoolConfig workers = WorkerPoolConfig.defaults();
        private Backends backends;

        private Builder() {}

        public Builder policy(IsolationPolicy p) {
            this.policy = java.util.Objects.requireNonNull(p, "policy");
            return this;
        }

        /** A backend whose every job {@link IsolationPolicy#AUTOMATIC} isolates. */
        public Builder untrustedBackend(String id) {
            untrustedBackends.add(id);
            return this;
        }

        /** How workers are started and limited (default: {@link WorkerPoolConfig#defaults()}). */
        public Builder workers(WorkerPoolConfig config) {
            this.workers = java.util.Objects.requireNonNull(config, "config");
            return this;
        }

        /** Where in-process compilations find backends (default: {@link Backends#discover()}). */
        public Builder backends(Backends b) {
            this.backends = b;
            return this;
        }

        public Isolation build() {
            return new Isolation(this);
        }
    }
}
