package dev.gpuc.cli;

import dev.gpuc.api.CompileJob;
import dev.gpuc.api.RelocationStrategy;
import dev.gpuc.api.RuntimeValues;
import dev.gpuc.backend.cpu.CpuBackend;
import dev.gpuc.backend.cpu.CpuModule;
import dev.gpuc.compiler.CompileOutcome;
import dev.gpuc.compiler.Compiler;
import dev.gpuc.ir.Llvm;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bytedeco.javacpp.BytePointer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The session story: a JIT front end bakes this session's host addresses into a kernel; gpuc
 * compiles it once, and a fresh process with other addresses gets the same artifact from the
 * disk cache, re-binds it, and computes the right answers without generating code.
 */
@Command(name = "demo", description = "The session story on the host: compile symbol-compare with this session's "
        + "addresses and run it, then in a fresh process with other addresses hit the cache, re-bind and run.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--relocation", paramLabel = "STRATEGY", description = "patch or import (default: the CPU backend's preferred).")
    String relocation = "auto";

    @Option(names = "--cache-dir", paramLabel = "DIR", description = "Cache directory to use (default: a fresh temporary one, removed afterwards).")
    Path cacheDir;

    @Option(names = "--second-session", hidden = true, description = "Run as the second session (used by the demo itself).")
    boolean secondSession;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        RelocationStrategy strategy = Inputs.relocation(relocation);
        if (strategy == RelocationStrategy.BAKE || strategy == RelocationStrategy.TABLE) {
            throw new Failures.Usage("the demo shows a portable artifact: use --relocation patch or import");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (secondSession) {
            return session(2, cacheDir, out) ? ExitCode.OK : ExitCode.COMPILATION_ERROR;
        }
        boolean temporary = cacheDir == null;
        Path dir = temporary ? Files.createTempDirectory("gpuc-demo-") : cacheDir;
        try {
            out.println("gpuc demo: a kernel with runtime globals, two sessions, one compilation");
            out.println("cache: " + dir + (temporary ? " (fresh, removed afterwards)" : ""));
            out.println();
            boolean first = session(1, dir, out);
            out.println();
            boolean second = secondSession(dir, out);
            out.println();
            if (first && second) {
                out.println("Both sessions got the right answers with their own addresses; the second one generated no code.");
                out.println("(Each session is a cold JVM: class loading and JIT warm-up dominate its times.)");
                return ExitCode.OK;
            }
            spec.commandLine().getErr().println("error[demo]: a session computed a wrong result or missed the cache (see above)");
            return ExitCode.COMPILATION_ERROR;
        } finally {
            if (temporary) {
                deleteTree(dir);
            }
        }
    }

    /** Runs one session in this process; true when every result is right (and session 2 hit the cache). */
    private boolean session(int number, Path dir, PrintWriter out) {
        long llvmStart = System.nanoTime();
        Llvm.initialize(); // once per process, hit or miss: timed apart so the compile times compare
        long llvmNanos = System.nanoTime() - llvmStart;
        // This session's runtime objects: real native allocations, so their addresses differ per process.
        try (BytePointer x = new BytePointer(16); BytePointer nothing = new BytePointer(16);
             Compiler compiler = Compiler.builder().standardCache(dir).build()) {
            RuntimeValues values = RuntimeValues.of(Map.of(SymbolCompare.X, x.address(), SymbolCompare.NOTHING, nothing.address()));
            out.printf("session %d (pid %d%s): %s at 0x%x, %s at 0x%x%n", number, ProcessHandle.current().pid(),
                    number == 2 ? ", a fresh JVM" : "", SymbolCompare.X, x.address(), SymbolCompare.NOTHING, nothing.address());
            out.printf(Locale.ROOT, "  LLVM:    loaded and initialised in %.1f ms (once per process)%n", llvmNanos / 1e6);
            CompileJob job = CompileJob.builder(SymbolCompare.emit(x.address(), nothing.address()),
                            compiler.backend(CpuBackend.ID).defaultTarget())
                    .entryPoints(List.of("is_x", "is_nothing", "address_of_x")).kernel(false)
                    .runtimeValues(values).relocation(Inputs.relocation(relocation)).build();
            CompileOutcome o = compiler.compile(job);
            out.printf(Locale.ROOT, "  compile: cache %s (%s), strategy %s, %.1f ms, %s%n", o.cache().label(),
                    o.cacheReason(), o.strategy(), o.total().toNanos() / 1e6,
                    o.codegen() ? "code generated" : "no code generated");
            out.printf(Locale.ROOT, "  stages:  %s%n", o.timings().stream()
                    .map(t -> String.format(Locale.ROOT, "%s %.1f", t.stage(), t.duration().toNanos() / 1e6))
                    .collect(Collectors.joining(", ")) + " ms");
            out.printf("  key:     %s%n", o.key());
            long start = System.nanoTime();
            try (CpuModule m = (CpuModule) compiler.load(o.artifact(), values)) {
                long loaded = System.nanoTime();
                int xIsX = m.callInt("is_x", x.address());
                int nothingIsX = m.callInt("is_x", nothing.address());
                int nothingIsNothing = m.callInt("is_nothing", nothing.address());
                long bound = m.callLong("address_of_x");
                out.printf(Locale.ROOT, "  run:     is_x(:x) = %d, is_x(nothing) = %d, is_nothing(nothing) = %d, "
                        + "address_of_x() = 0x%x (load %.2f ms)%n", xIsX, nothingIsX, nothingIsNothing, bound,
                        (loaded - start) / 1e6);
                List<String> wrong = new ArrayList<>();
                check(wrong, "is_x(:x)", xIsX, 1);
                check(wrong, "is_x(nothing)", nothingIsX, 0);
                check(wrong, "is_nothing(nothing)", nothingIsNothing, 1);
                check(wrong, "address_of_x()", bound, x.address());
                if (number == 2 && o.codegen()) {
                    wrong.add("the second session generated code instead of hitting the cache");
                }
                wrong.forEach(w -> out.println("  WRONG:   " + w));
                return wrong.isEmpty();
            }
        }
    }

    private static void check(List<String> wrong, String what, long got, long expected) {
        if (got != expected) {
            wrong.add(what + " = " + got + ", expected " + expected);
        }
    }

    /** The second session: a fresh JVM on the same class path, sharing only the cache directory. */
    private boolean secondSession(Path dir, PrintWriter out) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "demo", "--second-session", "--cache-dir", dir.toString(),
                "--relocation", relocation));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        out.print(text);
        return p.waitFor() == 0;
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
