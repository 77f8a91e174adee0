package dev.gpuc.bench.report;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The report as Markdown: the goal table first, then the charts, what each benchmark does, and the raw files. */
public final class MarkdownReport {
    private MarkdownReport() {}

    /**
     * @param environment lines describing where and how it ran (machine, JVM, JMH settings)
     * @param charts      chart file names that exist, such as {@code cache.svg}
     * @param rawFiles    raw result files next to the report, with what each holds
     */
    public static String render(List<String> environment, List<Row> rows, List<Equivalence> equivalence,
                                List<String> charts, Map<String, String> rawFiles) {
        StringBuilder md = new StringBuilder("# gpuc benchmark report\n\n");
        environment.forEach(line -> md.append(line).append("  \n"));
        md.append("\nEach value is a ratio of two measurements taken in this run (absolute times on a shared machine"
                + " mean little). ± is the half-width of the 95 % confidence interval of each mean (Student's t over the"
                + " measurement iterations), propagated to the ratio; the verdict compares the means with the goal.\n\n");
        md.append(table(rows)).append('\n').append(summary(rows)).append("\n\n");
        if (!charts.isEmpty()) {
            md.append("## Charts\n\n");
            charts.forEach(c -> md.append("![").append(c).append("](").append(c).append(")\n\n"));
        }
        md.append("## What each benchmark measures\n\n").append(EXPLANATIONS).append('\n');
        if (!equivalence.isEmpty()) {
            md.append(overheadDetails(equivalence)).append('\n');
        }
        if (!rawFiles.isEmpty()) {
            md.append("## Raw data\n\n");
            rawFiles.forEach((file, what) -> md.append("- [").append(file).append("](").append(file).append("): ")
                    .append(what).append('\n'));
        }
        return md.toString();
    }

    /** Whether both sides emitted the same bytes, and where gpuc's time goes, per overhead case. */
    static String overheadDetails(List<Equivalence> checks) {
        Set<String> stages = new LinkedHashSet<>();
        checks.forEach(c -> stages.addAll(c.stageMillis().keySet()));
        StringBuilder md = new StringBuilder("## Toolkit overhead: same work, and where gpuc's time goes\n\n"
                + "Each case was compiled once each way before measuring: identical bytes mean identical LLVM work."
                + " Then gpuc's stages were timed over a few warm compilations (medians, milliseconds; indicative,"
                + " not JMH). The baseline's work corresponds to parse, optimize and emit; the other stages are gpuc's"
                + " own, and its parse stage also verifies the input.\n\n");
        md.append("| case | identical output | ").append(String.join(" | ", stages)).append(" |\n|---|---|");
        stages.forEach(s -> md.append("---:|"));
        md.append('\n');
        for (Equivalence e : checks) {
            md.append("| ").append(cell(e.kernel())).append(" | ").append(e.identical() ? "yes" : "**no**")
              .append(" (").append(e.gpucBytes()).append(e.identical() ? "" : " vs " + e.bareBytes()).append(" bytes) |");
            for (String stage : stages) {
                Double ms = e.stageMillis().get(stage);
                md.append(' ').append(ms == null ? "" : Row.number(ms)).append(" |");
            }
            md.append('\n');
        }
        return md.toString();
    }

    static String table(List<Row> rows) {
        StringBuilder md = new StringBuilder("| # | Benchmark | Measure | Measured | Goal | Verdict |\n"
                + "|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            md.append("| ").append(r.goal()).append(" | ").append(cell(r.benchmark())).append(" | ").append(cell(r.measure()))
              .append(" | ").append(cell(r.measured())).append(" | ").append(cell(r.goalText())).append(" | ")
              .append(r.verdict().markdown()).append(" |\n");
        }
        return md.toString();
    }

    /** Per goal (1–6): pass when every judged row passes, miss when one misses. */
    static String summary(List<Row> rows) {
        Map<Integer, Verdict> perGoal = new TreeMap<>();
        for (Row r : rows) {
            perGoal.merge(r.goal(), r.verdict(), MarkdownReport::worse);
        }
        long pass = perGoal.values().stream().filter(v -> v == Verdict.PASS).count();
        long miss = perGoal.values().stream().filter(v -> v == Verdict.MISS).count();
        long absent = perGoal.values().stream().filter(v -> v == Verdict.NOT_MEASURED).count();
        return "Goals met: " + pass + " of " + perGoal.size() + "; missed: " + miss + "; not measured: " + absent + ".";
    }

    /** A goal is missed when one row misses, else unmeasured when one row is; information rows do not count. */
    private static Verdict worse(Verdict a, Verdict b) {
        return severity(a) >= severity(b) ? a : b;
    }

    private static int severity(Verdict v) {
        return switch (v) {
            case INFO -> 0;
            case PASS -> 1;
            case NOT_MEASURED -> 2;
            case MISS -> 3;
        };
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }

    private static final String EXPLANATIONS = """
            1. **Toolkit overhead** (`ToolkitOverheadBenchmark`): one compilation through gpuc's `CodegenPipeline` \
            against the same LLVM work through the bare C API in the same JVM: parse the module gpuc hands its \
            optimiser, create the target machine from the same settings, run the same new-PM pipeline string with \
            `LLVMRunPasses`, emit with `LLVMTargetMachineEmitToMemoryBuffer`. AMDGPU's code object is linked by \
            `ld.lld` on both sides; SPIR-V's code generation runs `llc` out of process on both sides (gpuc does so by \
            design, see backend-spirv), so that case compares in-process work plus one `llc` each. PTX is \
            compiled without the `ptxas` cubin and SPIR-V without `spirv-val`. What is left is gpuc's own work: \
            verifying the input and its own changes, runtime-global extraction, validation, kernel marking, \
            relocation lowering, backend preparation, building the artifact. Kernels: the corpus kernels and a \
            generated module of about 2000 instructions with runtime addresses per backend. Warm-up runs the \
            slowest case some 30 times, so both sides are measured at the JIT's steady state.
            2. **Cache** (`CacheBenchmark`): a generated host kernel of about 2000 instructions, one runtime object \
            per 24 instructions (CPU backend, IMPORT). Every variant ends with the runtime globals bound to this session \
            (`RelocationTable.bind`, the loader's first step). A repeated `Compiler.compile` of the same job is \
            answered through the compiler's key memo (the runtime-value questions extraction asked are replayed, \
            and on identical answers the remembered key is looked up without parsing); the source is hashed once \
            per `ModuleSource`, not per request. "By key" is `Compiler.cached(key)` for a front end that kept the key. The disk tier is read through a warm page cache.
            3. **Extraction scaling** (`ExtractionScalingBenchmark`, `FullCompileScalingBenchmark`): generated host \
            modules of 10² to 10⁵ instructions, one runtime object per 24 instructions, half inline and half \
            through globals, one freshly parsed module per operation (parsing not measured). "Time for 10× the \
            module" is the per-instruction time ratio of consecutive sizes times 10. The full-compile denominator stops at 10⁴ instructions (a 10⁵-instruction module takes tens of \
            seconds at O2 here).
            4. **Parallel throughput** (`ParallelThroughputBenchmark`): 100 different generated host kernels of about \
            200 instructions through `Compiler.compileAll`, caching off, on 1 thread and on every core.
            5. **Isolation overhead** (`IsolationOverheadBenchmark`): compilations in worker processes against in \
            process, workers started before measuring.
            6. **Command line** (`CommandLineBenchmark`, processes, not JMH): one `./gpuc compile` of N files \
            (the launcher as a user runs it, its class-data archive made in an untimed first run) against a \
            shell loop running the jar's `llc` on each file, both for the host at O2, alternated run by run.
            """;
}
