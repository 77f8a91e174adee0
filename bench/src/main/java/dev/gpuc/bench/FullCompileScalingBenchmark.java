package dev.gpuc.bench;

import dev.gpuc.api.Artifact;
import dev.gpuc.api.CompileJob;
import dev.gpuc.backend.cpu.CpuBackend;
import dev.gpuc.passes.CodegenPipeline;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The denominator of goal 3's "extraction ≤ 2% of a full compile": the whole CPU pipeline
 * (parse to object code, O2) on the modules {@link ExtractionScalingBenchmark} extracts. It
 * stops at 10⁴ instructions: one 10⁵-instruction module takes tens of seconds to compile at O2
 * here, more than the suite's time budget allows.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xss16m")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
public class FullCompileScalingBenchmark {
    @Param({"100", "1000", "10000"})
    public int instructions;

    private CpuBackend backend;
    private CompileJob job;

    @Setup
    public void setUp() {
        GeneratedKernel kernel = GeneratedKernel.ofSize(instructions, 0, 1);
        backend = new CpuBackend();
        job = CompileJob.builder(kernel.source(), backend.defaultTarget()).kernel(false).runtimeValues(kernel.values())
                .build();
    }

    @Benchmark
    public Artifact compile() {
        try (CodegenPipeline.Compilation c = CodegenPipeline.start(job, backend)) {
            return c.finish().artifact();
        }
    }
}
