package dev.gpuc.bench;

import dev.gpuc.api.Artifact;
import dev.gpuc.api.CompileJob;
import dev.gpuc.isolation.Isolation;
import dev.gpuc.isolation.IsolationPolicy;
import dev.gpuc.isolation.Trust;
import dev.gpuc.isolation.WorkerPoolConfig;
import dev.gpuc.passes.StartedCompilation;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Goal 5, isolation overhead: the same job compiled one at a time through {@link Isolation}
 * in a worker process ({@code ISOLATED}, one worker) and in this process ({@code IN_PROCESS}).
 * Setup compiles once, so the worker is started (a JVM and LLVM) before measuring, and the
 * warm-up iterations warm its JIT: what is left is the steady-state cost of the round trips
 * (the job out, key material and extraction back, the artifact back). Goal: ≤ 1.25.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xss16m")
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 4, time = 1)
public class IsolationOverheadBenchmark {
    /** {@code backend/kernel}: see {@link BenchJobs}. */
    @Param({"ptx/saxpy.ptx", "cpu/gen-2000"})
    public String kernel;

    @Param({"in-process", "isolated"})
    public String mode;

    private Isolation isolation;
    private CompileJob job;

    @Setup
    public void setUp() {
        IsolationPolicy policy = switch (mode) {
            case "in-process" -> IsolationPolicy.IN_PROCESS;
            case "isolated" -> IsolationPolicy.ISOLATED;
            default -> throw new IllegalArgumentException("mode is in-process or isolated, got " + mode);
        };
        job = BenchJobs.of(kernel).job();
        isolation = Isolation.builder().policy(policy).workers(WorkerPoolConfig.defaults().withWorkers(1)).build();
        compile();
    }

    @Benchmark
    public Artifact compile() {
        try (StartedCompilation c = isolation.start(job, Trust.TRUSTED)) {
            return c.finish().artifact();
        }
    }

    @TearDown
    public void tearDown() {
        isolation.close();
    }
}
