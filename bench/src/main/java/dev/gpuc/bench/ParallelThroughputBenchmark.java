package dev.gpuc.bench;

import dev.gpuc.api.CompileJob;
import dev.gpuc.backend.cpu.CpuBackend;
import dev.gpuc.compiler.Compiler;
import dev.gpuc.compiler.JobResult;
import java.util.ArrayList;
import java.util.List;
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
 * Goal 4, parallel throughput: {@value #KERNELS} independent host kernels (generated, about
 * {@value #INSTRUCTIONS} instructions each, all different) through {@code Compiler.compileAll}
 * with caching off, on one thread and on every core. Goal: speed-up ≥ 0.9 × cores. Three
 * warm-up shots, so that neither side is measured while the JIT still compiles on a core the
 * compilations need.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xss16m")
@Warmup(iterations = 3)
@Measurement(iterations = 5)
public class ParallelThroughputBenchmark {
    static final int KERNELS = 100;
    static final int INSTRUCTIONS = 200;

    /** {@code 1}, or {@code cores} for {@code availableProcessors()}. */
    @Param({"1", "cores"})
    public String threads;

    private Compiler compiler;
    private List<CompileJob> jobs;

    @Setup
    public void setUp() {
        int n = threads.equals("cores") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(threads);
        compiler = Compiler.builder().parallelism(n).build();
        CpuBackend backend = new CpuBackend();
        jobs = new ArrayList<>();
        for (int seed = 0; seed < KERNELS; seed++) {
            GeneratedKernel k = GeneratedKernel.ofSize(INSTRUCTIONS, 0, seed);
            jobs.add(CompileJob.builder(k.source(), backend.defaultTarget()).kernel(false).runtimeValues(k.values())
                    .build());
        }
    }

    @Benchmark
    public List<JobResult> compileAll() {
        List<JobResult> results = compiler.compileAll(jobs);
        for (JobResult r : results) {
            if (r instanceof JobResult.Failure f) {
                throw f.error();
            }
        }
        return results;
    }

    @TearDown
    public void tearDown() {
        compiler.close();
    }
}
