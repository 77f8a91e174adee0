package dev.gpuc.bench.report;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntToLongFunction;

/** The scaling benchmarks' results as time per instruction, for the table and the chart alike. */
public final class ScalingResults {
    public static final String EXTRACT = "ExtractionScalingBenchmark.extract";
    public static final String FULL_COMPILE = "FullCompileScalingBenchmark.compile";

    private final JmhResults jmh;
    private final IntToLongFunction instructions;

    /** @param instructions the instructions in the module a scaling benchmark processes at a size parameter */
    public ScalingResults(JmhResults jmh, IntToLongFunction instructions) {
        this.jmh = jmh;
        this.instructions = instructions;
    }

    /** The size parameters a scaling benchmark ran, ascending. */
    public List<Integer> sizes(String benchmark) {
        return jmh.values(benchmark, "instructions").stream().map(Integer::parseInt).sorted().toList();
    }

    /** Time per instruction at one size, as a measurement in milliseconds. */
    public Optional<Measurement> perInstruction(String benchmark, int size) {
        return jmh.find(benchmark, Map.of("instructions", Integer.toString(size))).map(m -> {
            double n = instructions.applyAsLong(size);
            return new Measurement(m.benchmark(), m.params(), m.millis() / n, m.errorMillis() / n);
        });
    }
}
