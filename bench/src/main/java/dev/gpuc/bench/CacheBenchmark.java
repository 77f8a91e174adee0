package dev.gpuc.bench;

import dev.gpuc.api.Artifact;
import dev.gpuc.api.Binding;
import dev.gpuc.api.CompileJob;
import dev.gpuc.api.LoadedModule;
import dev.gpuc.backend.cpu.CpuBackend;
import dev.gpuc.compiler.CacheKey;
import dev.gpuc.compiler.CacheStatus;
import dev.gpuc.compiler.CompileOutcome;
import dev.gpuc.compiler.Compiler;
import dev.gpuc.compiler.DiskCacheStore;
import dev.gpuc.compiler.MemoryCacheStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Goal 2, the cache: what a front end pays to get a kernel it can run, cold and from each tier.
 * The kernel is a {@link GeneratedKernel} for the host (CPU backend, IMPORT) of about
 * {@value #INSTRUCTIONS} instructions and {@code instructions/24} runtime objects; every variant
 * ends with the artifact's runtime globals bound to this session's values
 * ({@code RelocationTable.bind}, the loader's first step), since an unbound artifact is of no use.
 *
 * <ul>
 *   <li>{@code cold}: {@code Compiler.compile} with caching off: the whole pipeline.</li>
 *   <li>{@code memoryHit}: {@code Compiler.compile} answered by the memory tier through the
 *       compiler's key memo: no parse, a hash of the job (its source through the digest the
 *       {@code ModuleSource} keeps) and a replay of the runtime-value questions extraction asked.</li>
 *   <li>{@code memoryHitByKey}: {@code Compiler.cached(key)}, for a front end that kept the key.</li>
 *   <li>{@code diskHit}: {@code Compiler.compile} answered by the disk tier alone (warm page cache).</li>
 *   <li>{@code diskHitAndLoad}: the disk hit, then a full load into ORC and unload (no goal:
 *       linking the object is the loader's work, not the cache's).</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xss16m")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class CacheBenchmark {
    static final int INSTRUCTIONS = 2000;

    private GeneratedKernel kernel;
    private CompileJob job;
    private Path directory;
    private Compiler uncached;
    private Compiler memory;
    private Compiler disk;
    private CacheKey key;

    @Setup
    public void setUp() throws IOException {
        kernel = GeneratedKernel.ofSize(INSTRUCTIONS, 0, 1);
        job = CompileJob.builder(kernel.source(), new CpuBackend().defaultTarget()).kernel(false)
                .runtimeValues(kernel.values()).build();
        directory = Files.createTempDirectory("gpuc-bench-cache-");
        uncached = Compiler.builder().build();
        memory = Compiler.builder().cache(new MemoryCacheStore()).build();
        disk = Compiler.builder().cache(DiskCacheStore.open(directory)).build();
        key = fill(memory);
        fill(disk);
    }

    /** Compiles once into the compiler's cache, and checks that the next compilation is a hit. */
    private CacheKey fill(Compiler compiler) {
        compiler.compile(job);
        CompileOutcome again = compiler.compile(job);
        if (again.cache() != CacheStatus.HIT) {
            throw new IllegalStateException("expected a cache hit, got " + again.cache() + ": " + again.cacheReason());
        }
        return again.key();
    }

    private List<Binding> bind(Artifact artifact) {
        return artifact.relocations().bind(kernel.values(), artifact.strategy());
    }

    @Benchmark
    public List<Binding> cold() {
        return bind(uncached.compile(job).artifact());
    }

    @Benchmark
    public List<Binding> memoryHit() {
        return bind(memory.compile(job).artifact());
    }

    @Benchmark
    public List<Binding> memoryHitByKey() {
        return bind(memory.cached(key).orElseThrow());
    }

    @Benchmark
    public List<Binding> diskHit() {
        return bind(disk.compile(job).artifact());
    }

    @Benchmark
    public int diskHitAndLoad() {
        try (LoadedModule loaded = disk.load(disk.compile(job).artifact(), kernel.values())) {
            return loaded.bindings().size();
        }
    }

    @TearDown
    public void tearDown() {
        uncached.close();
        memory.close();
        disk.close();
        TemporaryDirectory.delete(directory);
    }
}
