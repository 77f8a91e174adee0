package dev.gpuc.bench;

import dev.gpuc.ir.Context;
import dev.gpuc.ir.Module;
import dev.gpuc.passes.RuntimeGlobalExtraction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
 * inline, half through globals). Each operation extracts freshly parsed copies worth
 * {@value #PER_OPERATION} instructions or one module, whichever is more (parsing is outside
 * the measurement). Time per instruction should stay flat: 10× the module, ≤ 11× the time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xss16m")
@Warmup(iterations = 5)
@Measurement(iterations = 10)
public class ExtractionScalingBenchmark {
    public static final int PER_OPERATION = 20_000;

    @Param({"100", "1000", "10000", "100000"})
    public int instructions;

    private ScalingInput input;
    private byte[] ir;

    @Setup
    public void setUp() {
        input = ScalingInput.of(instructions, PER_OPERATION);
        ir = input.kernel().ir().getBytes(StandardCharsets.UTF_8);
    }

    /** The modules of one operation, parsed before it. */
    @State(Scope.Thread)
    public static class Parsed {
        private Context context;
        private final List<Module> modules = new ArrayList<>();

        @Setup(Level.Iteration)
        public void parse(ExtractionScalingBenchmark b) {
            context = Context.create();
            for (int i = 0; i < b.input.copies(); i++) {
                modules.add(context.parse(b.ir, b.input.kernel().name()));
            }
        }

        @TearDown(Level.Iteration)
        public void close() {
            modules.clear();
            context.close();
        }
    }

    @Benchmark
    public int extract(Parsed parsed) {
        int slots = 0;
        for (Module m : parsed.modules) {
            slots += new RuntimeGlobalExtraction(input.kernel().values(), 0).extract(m).table().slots().size();
        }
        return slots;
    }
}
