package dev.gpuc.bench.report;

import static dev.gpuc.bench.report.ScalingResults.EXTRACT;
import static dev.gpuc.bench.report.ScalingResults.FULL_COMPILE;

import dev.gpuc.bench.report.Row.Format;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The report's table: each goal of issue 10 as ratios of measurements taken in the same run.
 * A benchmark that did not run gives a "not measured" row, never a silent gap.
 */
public final class GoalRows {
    static final String OVERHEAD = "ToolkitOverheadBenchmark.compile";
    static final String CACHE = "CacheBenchmark.";
    static final String PARALLEL = "ParallelThroughputBenchmark.compileAll";
    static final String ISOLATION = "IsolationOverheadBenchmark.compile";

    private final JmhResults jmh;
    private final List<CommandLineRun> commandLine;
    private final ScalingResults scaling;
    private final int cores;

    public GoalRows(JmhResults jmh, ScalingResults scaling, List<CommandLineRun> commandLine, int cores) {
        this.jmh = jmh;
        this.scaling = scaling;
        this.commandLine = List.copyOf(commandLine);
        this.cores = cores;
    }

    public List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        rows.addAll(overhead());
        rows.addAll(cache());
        rows.addAll(extractionScaling());
        rows.addAll(parallel());
        rows.addAll(isolation());
        rows.addAll(commandLine());
        return rows;
    }

    List<Row> overhead() {
        return perKernelRatios(1, "toolkit overhead", OVERHEAD, "side", "gpuc", "bare", "gpuc / bare LLVM",
                Goal.atMost(1.05, "≤ 1.05"), "one side did not run");
    }

    /**
     * One row per kernel of a benchmark whose {@code param} names two variants measured side by
     * side: the ratio {@code numerator / denominator} against {@code goal}.
     */
    private List<Row> perKernelRatios(int number, String name, String benchmark, String param, String numerator,
                                      String denominator, String measure, Goal goal, String missing) {
        List<String> kernels = jmh.values(benchmark, "kernel");
        if (kernels.isEmpty()) {
            return List.of(Row.notMeasured(number, name, measure, goal, "benchmark did not run"));
        }
        List<Row> rows = new ArrayList<>();
        for (String kernel : kernels) {
            String m = measure + ", " + kernel;
            Optional<Measurement> top = jmh.find(benchmark, Map.of("kernel", kernel, param, numerator));
            Optional<Measurement> bottom = jmh.find(benchmark, Map.of("kernel", kernel, param, denominator));
            rows.add(top.isPresent() && bottom.isPresent()
                    ? Row.of(number, name, m, Ratio.of(top.get(), bottom.get()), Format.RATIO, goal)
                    : Row.notMeasured(number, name, m, goal, missing));
        }
        return rows;
    }

    List<Row> cache() {
        Optional<Measurement> cold = jmh.find(CACHE + "cold");
        List<Row> rows = new ArrayList<>();
        rows.add(cacheRow(cold, "diskHit", "disk hit + bind / cold compile", Goal.atMost(0.01, "≤ 1 %")));
        rows.add(cacheRow(cold, "memoryHit", "memory hit + bind / cold compile", Goal.atMost(0.0001, "≤ 0.01 %")));
        rows.add(cacheRow(cold, "memoryHitByKey", "memory hit by key + bind / cold compile", Goal.atMost(0.0001, "≤ 0.01 %")));
        rows.add(cacheRow(cold, "diskHitAndLoad", "disk hit + ORC load / cold compile", Goal.none()));
        return rows;
    }

    private Row cacheRow(Optional<Measurement> cold, String method, String measure, Goal goal) {
        Optional<Measurement> hit = jmh.find(CACHE + method);
        return cold.isPresent() && hit.isPresent()
                ? Row.of(2, "cache", measure, Ratio.of(hit.get(), cold.get()), Format.PERCENT, goal)
                : Row.notMeasured(2, "cache", measure, goal, "benchmark did not run");
    }

    List<Row> extractionScaling() {
        List<Row> rows = new ArrayList<>();
        List<Integer> sizes = scaling.sizes(EXTRACT);
        Goal flat = Goal.atMost(11, "≤ ×11");
        if (sizes.size() < 2) {
            rows.add(Row.notMeasured(3, "extraction scaling", "time for a 10× larger module", flat, "fewer than two sizes ran"));
        }
        for (int i = 1; i < sizes.size(); i++) {
            int small = sizes.get(i - 1);
            int large = sizes.get(i);
            Ratio perInstruction = Ratio.of(scaling.perInstruction(EXTRACT, large).orElseThrow(), scaling.perInstruction(EXTRACT, small).orElseThrow());
            rows.add(Row.of(3, "extraction scaling", "time for 10× the module, " + small + " → " + large + " instructions",
                    perInstruction.times(10), Format.FACTOR, flat));
        }
        Goal share = Goal.atMost(0.02, "≤ 2 %");
        List<Integer> compiled = scaling.sizes(FULL_COMPILE);
        if (compiled.isEmpty() || sizes.isEmpty()) {
            rows.add(Row.notMeasured(3, "extraction scaling", "extraction / full compile", share, "benchmark did not run"));
        }
        for (int size : compiled) {
            Optional<Measurement> extract = scaling.perInstruction(EXTRACT, size);
            Optional<Measurement> compile = scaling.perInstruction(FULL_COMPILE, size);
            if (extract.isPresent() && compile.isPresent()) {
                rows.add(Row.of(3, "extraction scaling", "extraction / full compile (CPU, O2), " + size + " instructions",
                        Ratio.of(extract.get(), compile.get()), Format.PERCENT, share));
            }
        }
        return rows;
    }

    List<Row> parallel() {
        double bound = 0.9 * cores;
        Goal goal = Goal.atLeast(bound, "≥ ×" + Row.number(bound) + " (0.9 × " + cores + " cores)");
        Optional<Measurement> one = jmh.find(PARALLEL, Map.of("threads", "1"));
        Optional<Measurement> all = jmh.find(PARALLEL, Map.of("threads", "cores"));
        String measure = "speed-up of 100 kernels, 1 thread → " + cores;
        return List.of(one.isPresent() && all.isPresent()
                ? Row.of(4, "parallel throughput", measure, Ratio.of(one.get(), all.get()), Format.FACTOR, goal)
                : Row.notMeasured(4, "parallel throughput", measure, goal, "benchmark did not run"));
    }

    List<Row> isolation() {
        return perKernelRatios(5, "isolation overhead", ISOLATION, "mode", "isolated", "in-process",
                "isolated / in-process, steady state", Goal.atMost(1.25, "≤ 1.25"), "one mode did not run");
    }

    List<Row> commandLine() {
        if (commandLine.isEmpty()) {
            return List.of(Row.notMeasured(6, "command line", "gpuc compile / llc loop", Goal.atMost(1, "< 1 for N ≥ 20"),
                    "benchmark did not run"));
        }
        List<Row> rows = new ArrayList<>();
        for (CommandLineRun run : commandLine) {
            Goal goal = run.files() >= 20 ? Goal.atMost(1, "< 1 (gpuc faster)") : Goal.none();
            rows.add(Row.of(6, "command line", "gpuc compile / llc loop, N = " + run.files() + " files",
                    Ratio.of(run.gpuc(), run.llc()), Format.RATIO, goal));
        }
        return rows;
    }
}
