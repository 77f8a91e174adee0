package dev.gpuc.bench;

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
 * Goal 1, toolkit overhead: a compilation through gpuc's {@code CodegenPipeline} against the
 * same LLVM work through the bare C API ({@link OverheadCase}), per backend and kernel. The
 * report divides {@code side=gpuc} by {@code side=bare} for each case; goal ≤ 1.05.
 *
 * <p>The side is the last parameter, so JMH runs the two sides of a case one after the other
 * and machine noise drifts as little as possible between them. Warm-up is long enough for the
 * slowest case (about 250 ms an operation) to run some 30 times: gpuc's own steps are Java, which
 * the JIT compiles only after a few thousand calls of each method, while the baseline is native
 * code from its first call; fewer warm-up operations would measure gpuc's interpreter.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xss16m")
@Warmup(iterations = 8, time = 1)
@Measurement(iterations = 6, time = 1)
public class ToolkitOverheadBenchmark {
    /** {@code backend/kernel}: see {@link OverheadCase#of}. */
    @Param({"cpu/saxpy.cpu", "cpu/gen-2000", "ptx/saxpy.ptx", "ptx/reduce.ptx", "ptx/gen-2000",
            "amdgpu/vadd.amdgpu", "amdgpu/gen-2000", "spirv/vadd.spirv", "spirv/gen-2000"})
    public String kernel;

    @Param({"gpuc", "bare"})
    public String side;

    private OverheadCase overheadCase;
    private boolean gpuc;

    @Setup
    public void setUp() {
        overheadCase = OverheadCase.of(kernel);
        gpuc = switch (side) {
            case "gpuc" -> true;
            case "bare" -> false;
            default -> throw new IllegalArgumentException("side is gpuc or bare, got " + side);
        };
    }

    @Benchmark
    public byte[] compile() {
        return gpuc ? overheadCase.gpuc() : overheadCase.bare();
    }
}
