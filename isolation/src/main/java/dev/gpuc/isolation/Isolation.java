package dev.gpuc.isolation;

import dev.gpuc.api.Backend;
import dev.gpuc.api.Backends;
import dev.gpuc.api.CompileJob;
import dev.gpuc.passes.CodegenPipeline;
import dev.gpuc.passes.StartedCompilation;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Applies an {@link IsolationPolicy}: starts each compilation in this process
 * ({@link CodegenPipeline.Compilation}) or in a worker ({@link IsolatedCompilation}), behind the
 * one {@link StartedCompilation} shape. The worker pool is made on the first isolated job.
 * Thread-safe.
 *
 * <pre>
 * Isolation isolation = Isolation.builder().policy(IsolationPolicy.AUTOMATIC).untrustedBackend("spirv").build();
 * try (StartedCompilation c = isolation.start(job, Trust.UNTRUSTED)) {
 *     CacheKey key = ...(c.keyMaterial(), c.pipelineDescription(), c.backendId(), c.backendVersion());
 *     ... look up the cache; on a miss: CompileResult r = c.finish();
 * }
 * </pre>
 */
public final class Isolation implements AutoCloseable {
    private final IsolationPolicy policy;
    private final Set<String> untrustedBackends;
    private final WorkerPoolConfig workers;
    private final Function<String, Backend> backends;
    private WorkerPool pool;
    private boolean closed;

    private Isolation(Builder b) {
        this.policy = b.policy;
        this.untrustedBackends = Set.copyOf(b.untrustedBackends);
        this.workers = b.workers;
        this.backends = b.backendLookup != null ? b.backendLookup : onceEach(b.backends != null ? b.backends : Backends.discover());
    }

    /** Looks each backend up once: discovery instantiates it and may run its tools to answer availability. */
    private static Function<String, Backend> onceEach(Backends backends) {
        Map<String, Backend> found = new ConcurrentHashMap<>();
        return id -> found.computeIfAbsent(id, k -> backends.lookup(k).orThrow());
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
        return CodegenPipeline.start(job, backends.apply(job.target().backend()));
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
        private Function<String, Backend> backendLookup;

        private Builder() {}

        public Builder policy(IsolationPolicy p) {
            this.policy = Objects.requireNonNull(p, "policy");
            return this;
        }

        /** A backend whose every job {@link IsolationPolicy#AUTOMATIC} isolates. */
        public Builder untrustedBackend(String id) {
            untrustedBackends.add(id);
            return this;
        }

        /** How workers are started and limited (default: {@link WorkerPoolConfig#defaults()}). */
        public Builder workers(WorkerPoolConfig config) {
            this.workers = Objects.requireNonNull(config, "config");
            return this;
        }

        /** Where in-process compilations find backends (default: {@link Backends#discover()}). */
        public Builder backends(Backends b) {
            this.backends = b;
            return this;
        }

        /**
         * How in-process compilations get the usable backend with an id, for a caller that
         * already holds its backends (a compiler); throws the lookup's typed error. Overrides
         * {@link #backends}.
         */
        public Builder backendLookup(Function<String, Backend> lookup) {
            this.backendLookup = Objects.requireNonNull(lookup, "lookup");
            return this;
        }

        public Isolation build() {
            return new Isolation(this);
        }
    }
}
