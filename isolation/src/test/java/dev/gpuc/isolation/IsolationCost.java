package dev.gpuc.isolation;

import dev.gpuc.api.Backend;
import dev.gpuc.api.Backends;
import dev.gpuc.api.CompileJob;
import dev.gpuc.passes.CodegenPipeline;
import dev.gpuc.passes.CompileResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Measures what isolation costs, for README.md: a worker's start (JVM and LLVM, until it can
 * take a job), the extra wall time per job at steady state against the same job in this
 * process, and a worker's resident memory. Run by {@code scripts/robustness.sh cost}.
 */
public final class IsolationCost {
    private IsolationCost() {}

    private static final int ROUNDS = 50;
    /** Jobs before measuring, each way: both JVMs' JIT compilers must be past the job's code. */
    private static final int WARM_UP = 100;

    public static void main(String[] args) throws IOException {
        Backends backends = Backends.discover();
        String[][] cases = {{"cpu", "saxpy.cpu.ll"}, {"ptx", "saxpy.ptx.ll"}, {"amdgpu", "vadd.amdgpu.ll"},
                {"spirv", "vadd.spirv.ll"}};
        try (WorkerPool pool = new WorkerPool(WorkerPoolConfig.defaults().withWorkers(1))) {
            long t0 = System.nanoTime();
            CompileJob first = job(backends.lookup("cpu").orThrow(), "saxpy.cpu.ll");
            try (IsolatedCompilation c = pool.start(first)) {
                CompileResult r = c.finish();
                System.out.printf("first isolated job: %.0f ms, of which starting the worker %.0f ms%n", ms(System.nanoTime() - t0),
                        ms(r.timings().stream().filter(s -> s.stage().equals("worker")).findFirst().orElseThrow()
                                .duration().toNanos()));
            }
            System.out.printf("%-8s %14s %14s %14s %12s%n", "backend", "in-process ms", "isolated ms", "overhead ms", "ipc ms");
            for (String[] c : cases) {
                Backend backend = backends.lookup(c[0]).orThrow();
                CompileJob job = job(backend, c[1]);
                double[] here = new double[ROUNDS];
                double[] there = new double[ROUNDS];
                double[] ipc = new double[ROUNDS];
                for (int i = -WARM_UP; i < ROUNDS; i++) {
                    long a = System.nanoTime();
                    try (CodegenPipeline.Compilation s = CodegenPipeline.start(job, backend)) {
                        s.keyMaterial();
                        s.finish();
                    }
                    long b = System.nanoTime();
                    CompileResult r;
                    try (IsolatedCompilation s = pool.start(job)) {
                        s.keyMaterial();
                        r = s.finish();
                    }
                    long e = System.nanoTime();
                    if (i >= 0) {
                        here[i] = ms(b - a);
                        there[i] = ms(e - b);
                        ipc[i] = ms(stage(r, "ipc") + stage(r, "worker"));
                    }
                }
                double h = median(here);
                double t = median(there);
                System.out.printf("%-8s %14.2f %14.2f %14.2f %12.2f%n", c[0], h, t, t - h, median(ipc));
            }
            ProcessHandle.current().children().forEach(p -> System.out.println("worker " + p.pid() + " resident: " + rss(p.pid())));
        }
    }

    private static CompileJob job(Backend backend, String file) {
        return CompileJob.builder(Corpus.source("kernels", file), backend.defaultTarget()).build();
    }

    private static long stage(CompileResult r, String name) {
        return r.timings().stream().filter(s -> s.stage().equals(name)).mapToLong(s -> s.duration().toNanos()).sum();
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }

    private static String rss(long pid) {
        try {
            List<String> lines = new ArrayList<>(Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")));
            return lines.stream().filter(l -> l.startsWith("VmRSS")).findFirst().orElse("?").replaceAll("\\s+", " ");
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
