package dev.gpuc.bench;

import dev.gpuc.ir.Context;
import dev.gpuc.ir.Module;
import dev.gpuc.passes.ExtractionResult;
import dev.gpuc.passes.RuntimeGlobalExtraction;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
 * Goal 3, extraction scaling: runtime-global extraction on generated host modules from 10² to
 * 10⁵ instructions, with runtime addresses in proportion (one object per 24 instructions, half
 * inline, half through globals). Each operation extracts one freshly parsed module; parsing
 * happens before each operation, outside the measurement (even the smallest extraction takes
 * far longer than JMH's per-invocation bookkeeping). The report divides scores by the module's
 * instructions: time per instruction should stay flat (10× the module, ≤ 11× the time).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xss16m")
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
public class ExtractionScalingBenchmark {
    @Param({"100", "1000", "10000", "100000"})
    public int instructions;

    private GeneratedKernel kernel;
    private byte[] ir;

    @Setup
    public void setUp() {
        kernel = GeneratedKernel.ofSize(instructions, 0, 1);
        ir = kernel.ir().getBytes(StandardCharsets.UTF_8);
    }

    /** A module parsed for the next operation. */
    @State(Scope.Thread)
    public static class Parsed {
        private Context context;
        private Module module;

        @Setup(Level.Invocation)
        public void parse(ExtractionScalingBenchmark b) {
            context = Context.create();
            module = context.parse(b.ir, b.kernel.name());
        }

        @TearDown(Level.Invocation)
        public void close() {
            context.close();
        }
    }

    @Benchmark
    public ExtractionResult extract(Parsed parsed) {
        return new RuntimeGlobalExtraction(kernel.values(), 0).extract(parsed.module);
    }
}
