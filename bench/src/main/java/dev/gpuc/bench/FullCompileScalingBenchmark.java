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
 * (parse to object code, O2) on the modules {@link ExtractionScalingBenchmark} extracts, per
 * instruction. It stops at 10⁴ instructions: a 10⁵-instruction module takes tens of seconds
 * per compilation at O2 here, more than the suite's time budget allows.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xss16m")
@Warmup(iterations = 2)
@Measurement(iterations = 3)
public class FullCompileScalingBenchmark {
    public static final int PER_OPERATION = 2_000;

    @Param({"100", "1000", "10000"})
    public int instructions;

    private ScalingInput input;
    private CpuBackend backend;
    private CompileJob job;

    @Setup
    public void setUp() {
        input = ScalingInput.of(instructions, PER_OPERATION);
        backend = new CpuBackend();
        job = CompileJob.builder(input.kernel().source(), backend.defaultTarget()).kernel(false)
                .runtimeValues(input.kernel().values()).build();
    }

    @Benchmark
    public int compile() {
        int bytes = 0;
        for (int i = 0; i < input.copies(); i++) {
            try (CodegenPipeline.Compilation c = CodegenPipeline.start(job, backend)) {
                Artifact a = c.finish().artifact();
                bytes += a.primary().size();
            }
        }
        return bytes;
    }
}
