package dev.gpuc.compiler;

import dev.gpuc.api.Artifact;
import dev.gpuc.api.Backend;
import dev.gpuc.api.BackendUnavailable;
import dev.gpuc.api.Backends;
import dev.gpuc.api.CompileJob;
import dev.gpuc.api.LoadedModule;
import dev.gpuc.api.Loader;
import dev.gpuc.api.RelocationStrategy;
import dev.gpuc.api.RuntimeValues;
import dev.gpuc.api.UnsupportedFeature;
import dev.gpuc.isolation.Isolation;
import dev.gpuc.isolation.IsolationPolicy;
import dev.gpuc.isolation.Trust;
import dev.gpuc.isolation.WorkerPoolConfig;
import dev.gpuc.passes.CompileResult;
import dev.gpuc.passes.StageTiming;
import dev.gpuc.passes.StartedCompilation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The driver: finds the job's backend, runs the codegen pipeline, and puts the cache around it.
 * Built once and shared: every method is thread-safe, and each compilation gets its own LLVM
 * context and target machine, so compilations run in parallel.
 *
 * <pre>
 * compile(job):
 *   memo      = the key this compiler remembers for the same job, if the job's runtime values
 *               answer the questions its start asked as they did then: look the tiers up by it,
 *               and on a hit stop here (see KeyMemo)
 *   start     = where the isolation policy says (this process by default, else a worker process):
 *               parse, link libraries, extract runtime globals, choose the strategy, validate;
 *               in this process with the job's backend (discovered through the SPI, lazily)
 *   key       = CacheKey(address-free module, strategy, target, options, pipeline, versions)
 *   bypass?   = no cache tiers, module not portable, or BAKE with runtime globals
 *   otherwise = one flight per key in this process, then per key across processes (a lock in
 *               the disk tier): look up the tiers; on a miss, finish the pipeline
 *               (optimise, generate code) and write the artifact through to every tier
 * </pre>
 *
 * An isolated compilation gives the same key and the same artifact bytes as an in-process one,
 * so where a job ran makes no difference to the cache.
 */
public final class Compiler implements AutoCloseable {
    private final Backends backends;
    private final TieredCache cache;
    private final Isolation isolation;
    private final ExecutorService pool;
    private final SingleFlight<CacheKey, CompileOutcome> flights = new SingleFlight<>();
    private final ConcurrentHashMap<String, Backend> usable = new ConcurrentHashMap<>();
    private final KeyMemo memo = new KeyMemo(KeyMemo.DEFAULT_CAPACITY);
    /** Backend versions isolated starts reported, by backend id: the identity of a worker's backend. */
    private final ConcurrentHashMap<String, String> workerBackendVersions = new ConcurrentHashMap<>();

    private Compiler(Builder b) {
        this.backends = b.backends != null ? b.backends : Backends.discover();
        this.cache = new TieredCache(b.tiers);
        this.isolation = b.isolation.backendLookup(this::backend).build();
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(b.parallelism, r -> {
            // LLVM recurses deeply on large modules: give compilation threads a large stack.
            Thread t = new Thread(null, r, "gpuc-compile-" + n.incrementAndGet(), 16L << 20);
            t.setDaemon(true);
            return t;
        });
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The cache tiers in lookup order. */
    public List<CacheStore> cacheTiers() {
        return cache.tiers();
    }

    /**
     * The usable backend with this id. Looked up once per compiler: discovery instantiates the
     * provider and asks for its availability, which may run an external tool.
     */
    public Backend backend(String id) {
        Backend found = usable.get(id);
        if (found == null) {
            found = backends.lookup(id).orThrow();
            Backend raced = usable.putIfAbsent(id, found);
            found = raced != null ? raced : found;
        }
        return found;
    }

    /** The isolation policy compilations run under. */
    public IsolationPolicy isolationPolicy() {
        return isolation.policy();
    }

    /**
     * Compiles one job on the calling thread; a job the caller vouches for (under
     * {@link IsolationPolicy#AUTOMATIC}, isolated only when its backend is untrusted).
     *
     * @throws dev.gpuc.api.GpucException for bad input, an unavailable backend or a backend
     *                                    failure; {@code BackendCrash} when an isolated job's
     *                                    worker died
     */
    public CompileOutcome compile(CompileJob job) {
        return compile(job, Trust.TRUSTED);
    }

    /** Compiles one job on the calling thread, isolated or not as the policy says for this trust. */
    public CompileOutcome compile(CompileJob job, Trust trust) {
        String input = job.source().name();
        boolean isolated = isolation.isolates(job, trust);
        Optional<String> memoKey = cache.isEmpty() ? Optional.empty() : memoKey(job, isolated);
        if (memoKey.isPresent()) {
            Optional<CompileOutcome> remembered = rememberedHit(input, job, memoKey.get());
            if (remembered.isPresent()) {
                return remembered.get();
            }
        }
        Stages stages = new Stages();
        RecordingRuntimeValues recording = new RecordingRuntimeValues(job.runtimeValues());
        CompileJob recorded = job.toBuilder().runtimeValues(recording).build();
        try (StartedCompilation c = isolation.start(recorded, trust)) {
            List<RecordingRuntimeValues.Query> queries = recording.stop();
            stages.started(c.stageTimings());
            CacheKey key = stages.time("cache-key", () -> CacheKey.of(c));
            Optional<String> bypass = bypassReason(c.strategy(), c.extraction().table().slots().size(),
                    c.extraction().portable());
            if (bypass.isPresent()) {
                Artifact a = stages.finish(c);
                return new CompileOutcome(input, a, key, CacheStatus.BYPASS, bypass.get(), true, stages.list(), List.of());
            }
            remember(job, isolated, c, key, queries);
            SingleFlight.Shared<CompileOutcome> shared = flights.run(key, () -> lookupOrCompile(input, c, key, stages));
            if (shared.led()) {
                return shared.value();
            }
            stages.add("coalesced-wait", stages.sinceLast());
            return new CompileOutcome(input, shared.value().artifact(), key, CacheStatus.HIT,
                    "shared an identical compilation running concurrently in this process", false, stages.list(),
                    List.of());
        }
    }

    /**
     * The memo key of {@code job}, when its backend's identity is known without starting it: in
     * this process the backend is instantiated anyway; for a worker, the version a worker
     * reported for that backend (none yet: no memo until one has run).
     */
    private Optional<String> memoKey(CompileJob job, boolean isolated) {
        String id = job.target().backend();
        String version;
        if (isolated) {
            version = workerBackendVersions.get(id);
            if (version == null) {
                return Optional.empty();
            }
        } else {
            try {
                version = backend(id).version();
            } catch (RuntimeException e) {
                return Optional.empty(); // the normal path reports it
            }
        }
        return Optional.of(KeyMemo.memoKey(job, isolated, id, version));
    }

    private void remember(CompileJob job, boolean isolated, StartedCompilation c, CacheKey key,
                          List<RecordingRuntimeValues.Query> queries) {
        if (isolated) {
            workerBackendVersions.put(c.backendId(), c.backendVersion());
        }
        if (!c.backendId().equals(job.target().backend())) {
            return; // an identity the memo key cannot name
        }
        memoKey(job, isolated).ifPresent(k -> memo.remember(k, new KeyMemo.Entry(key, queries)));
    }

    /**
     * A hit found by the remembered key, without starting the pipeline: only when the job's
     * runtime values answer every question its start asked as they did then.
     */
    private Optional<CompileOutcome> rememberedHit(String input, CompileJob job, String memoKey) {
        Stages stages = new Stages();
        Optional<CacheKey> key = stages.time("key-memo", () -> memo.key(memoKey, job.runtimeValues()));
        if (key.isEmpty()) {
            return Optional.empty();
        }
        List<String> warnings = new ArrayList<>();
        Optional<TieredCache.Found> found = stages.time("cache-lookup", () -> cache.lookup(key.get(), warnings::add));
        return found.map(f -> hit(input, key.get(), f, "found in " + f.tier() + " by the key remembered for this job",
                stages, warnings));
    }

    private CompileOutcome lookupOrCompile(String input, StartedCompilation c, CacheKey key, Stages stages) {
        List<String> warnings = new ArrayList<>();
        Optional<TieredCache.Found> found = stages.time("cache-lookup", () -> cache.lookup(key, warnings::add));
        if (found.isPresent()) {
            return hit(input, key, found.get(), "found in " + found.get().tier(), stages, warnings);
        }
        CacheStore.Lease lease = stages.time("cache-lock", () -> cache.lease(key));
        try {
            // Another process may have compiled it while we waited for the lock.
            found = stages.time("cache-lookup", () -> cache.lookup(key, warnings::add));
            if (found.isPresent()) {
                return hit(input, key, found.get(), "found in " + found.get().tier()
                        + " after waiting for another process compiling the same key", stages, warnings);
            }
            Artifact a = stages.finish(c);
            if (!a.isPersistable()) {
                return new CompileOutcome(input, a, key, CacheStatus.BYPASS,
                        "the artifact must not outlive this session (" + a.strategy() + ", portable=" + a.portable() + ")",
                        true, stages.list(), warnings);
            }
            stages.time("cache-store", () -> {
                cache.store(key, a, warnings::add);
                return null;
            });
            return new CompileOutcome(input, a, key, CacheStatus.MISS, "not in " + tierNames()
                    + (warnings.isEmpty() ? "; compiled and stored" : "; compiled"), true, stages.list(), warnings);
        } finally {
            lease.close();
        }
    }

    private static CompileOutcome hit(String input, CacheKey key, TieredCache.Found found, String reason, Stages stages,
                                      List<String> warnings) {
        return new CompileOutcome(input, found.artifact(), key, CacheStatus.HIT, reason, false, stages.list(), warnings);
    }

    /**
     * The artifact stored under {@code key}, without compiling: for front ends that remember
     * the keys of what they compiled (in a precompilation image, say) and come back in a later
     * session. A hit in a lower tier fills the tiers above it; damaged entries are misses.
     */
    public Optional<Artifact> cached(CacheKey key) {
        return cache.lookup(key, warning -> {}).map(TieredCache.Found::artifact);
    }

    /** Why a compilation must not use the cache, if it must not (DESIGN.md's persistence rule). */
    private Optional<String> bypassReason(RelocationStrategy strategy, int slots, boolean portable) {
        if (cache.isEmpty()) {
            return Optional.of("caching is off");
        }
        if (!portable) {
            return Optional.of("the module holds host addresses no runtime value accounts for, so it is not portable"
                    + " and never persisted");
        }
        if (strategy == RelocationStrategy.BAKE && slots > 0) {
            return Optional.of("BAKE inlines this session's addresses of " + slots + " runtime global"
                    + (slots == 1 ? "" : "s") + "; such artifacts are never persisted");
        }
        return Optional.empty();
    }

    private String tierNames() {
        return String.join(", ", cache.tiers().stream().map(CacheStore::describe).toList());
    }

    /** Compiles on the compiler's pool (sized to the cores unless the builder said otherwise). */
    public CompletableFuture<CompileOutcome> compileAsync(CompileJob job) {
        return CompletableFuture.supplyAsync(() -> compile(job), pool);
    }

    /** Compiles every job in parallel; the results are in the order of the jobs. */
    public List<JobResult> compileAll(List<CompileJob> jobs) {
        List<CompletableFuture<CompileOutcome>> futures = jobs.stream().map(this::compileAsync).toList();
        List<JobResult> results = new ArrayList<>(jobs.size());
        for (int i = 0; i < jobs.size(); i++) {
            try {
                results.add(new JobResult.Success(jobs.get(i), futures.get(i).join()));
            } catch (CompletionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof Error error) {
                    throw error;
                }
                results.add(new JobResult.Failure(jobs.get(i), (RuntimeException) cause));
            }
        }
        return results;
    }

    /**
     * Loads an artifact with its backend's loader, binding every runtime global to this
     * session's value.
     *
     * @throws dev.gpuc.api.UnresolvedRuntimeValue for a key {@code values} cannot resolve
     * @throws UnsupportedFeature when the backend has no loader
     * @throws BackendUnavailable when the loader's runtime (a driver, a device) is missing
     */
    public LoadedModule load(Artifact artifact, RuntimeValues values) {
        String id = artifact.provenance().backend();
        Loader loader = backend(id).loader()
                .orElseThrow(() -> new UnsupportedFeature("backend '" + id + "' has no loader"));
        var availability = loader.availability();
        if (!availability.available()) {
            throw new BackendUnavailable(id, true, "the loader of backend '" + id + "' cannot run here: "
                    + availability.reason());
        }
        return loader.load(artifact, values);
    }

    /** Stops the pool and ends the isolation workers; compilations in progress in this process finish. */
    @Override
    public void close() {
        pool.shutdown();
        isolation.close();
    }

    /** The wall time of each stage of one compilation. */
    private static final class Stages {
        private final List<StageTiming> list = new ArrayList<>();
        private long last = System.nanoTime();
        private int started;

        /** The pipeline's stages so far (parse to validate), first. */
        void started(List<StageTiming> timings) {
            list.addAll(0, timings);
            started = timings.size();
            last = System.nanoTime();
        }

        <T> T time(String name, Supplier<T> work) {
            long start = System.nanoTime();
            try {
                return work.get();
            } finally {
                last = System.nanoTime();
                add(name, Duration.ofNanos(last - start));
            }
        }

        Duration sinceLast() {
            long now = System.nanoTime();
            Duration d = Duration.ofNanos(now - last);
            last = now;
            return d;
        }

        void add(String name, Duration d) {
            list.add(new StageTiming(name, d));
        }

        /**
         * Finishes the pipeline; its result times every pipeline stage (parse to emit), which
         * replace the start's.
         */
        Artifact finish(StartedCompilation c) {
            CompileResult r = c.finish();
            list.subList(0, started).clear();
            list.addAll(0, r.timings());
            started = r.timings().size();
            last = System.nanoTime();
            return r.artifact();
        }

        List<StageTiming> list() {
            return List.copyOf(list);
        }
    }

    public static final class Builder {
        private Backends backends;
        private final List<CacheStore> tiers = new ArrayList<>();
        private int parallelism = Runtime.getRuntime().availableProcessors();
        private final Isolation.Builder isolation = Isolation.builder();

        private Builder() {}

        /** Where backends come from (default: {@link Backends#discover()}). */
        public Builder backends(Backends b) {
            this.backends = b;
            return this;
        }

        /** Adds a cache tier after those already added: add the fastest first. */
        public Builder cache(CacheStore tier) {
            tiers.add(tier);
            return this;
        }

        /**
         * The standard tiers: memory, then the disk cache in {@code directory}.
         *
         * @throws InsecureCacheDirectory when other users can write {@code directory}
         */
        public Builder standardCache(Path directory) {
            return cache(new MemoryCacheStore()).cache(DiskCacheStore.open(directory));
        }

        /** The standard tiers with the disk cache in {@link CacheDirectory#defaultDirectory()}. */
        public Builder standardCache() {
            return standardCache(CacheDirectory.defaultDirectory());
        }

        /** Threads of {@link #compileAll} (default: the number of cores). */
        public Builder parallelism(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("parallelism must be at least 1, got " + threads);
            }
            this.parallelism = threads;
            return this;
        }

        /**
         * Where compilations run (default {@link IsolationPolicy#IN_PROCESS}): in this process,
         * or in worker processes ({@link IsolationPolicy#ISOLATED}; {@link IsolationPolicy#AUTOMATIC}
         * for untrusted backends and jobs), so that an LLVM crash fails the job with
         * {@code BackendCrash} instead of ending this process. Costs: gpuc-isolation's README.
         */
        public Builder isolation(IsolationPolicy policy) {
            isolation.policy(policy);
            return this;
        }

        /** A backend whose every job {@link IsolationPolicy#AUTOMATIC} runs in a worker. */
        public Builder untrustedBackend(String id) {
            isolation.untrustedBackend(id);
            return this;
        }

        /** How worker processes are started and limited (default: {@link WorkerPoolConfig#defaults()}). */
        public Builder workers(WorkerPoolConfig config) {
            isolation.workers(config);
            return this;
        }

        /** A compiler with these settings; without any {@link #cache} call, caching is off. */
        public Compiler build() {
            return new Compiler(this);
        }
    }
}
