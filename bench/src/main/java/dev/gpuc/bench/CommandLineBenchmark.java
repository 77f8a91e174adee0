package dev.gpuc.bench;

import dev.gpuc.bench.report.CommandLineRun;
import dev.gpuc.bench.report.Confidence;
import dev.gpuc.ir.LlvmTools;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Goal 6, the command line, measured on processes (not JMH): one {@code gpuc compile} of N
 * host kernels against a shell loop running the jar's {@code llc} on each file, for N in
 * {@link #SIZES}. gpuc runs as a user runs it, through the repository's {@code ./gpuc} launcher
 * (its JVM options and class-data archive included; {@code GPUC_JAVA_OPTS} is cleared), caching
 * off; {@code llc} gets the same optimisation level, host CPU and PIC. (llc runs no IR
 * optimisation pipeline, only code generation: the loop does less work per file than gpuc.)
 * Each round runs both commands, alternately, so machine noise hits both alike.
 *
 * <p>Usage: {@code CommandLineBenchmark OUT.json [ROUNDS]}, from {@code bench/target/benchmarks.jar}
 * of a checkout (the launcher is found above it); writes nothing and says why when there is no
 * launcher.
 */
public final class CommandLineBenchmark {
    private CommandLineBenchmark() {}

    static final int[] SIZES = {1, 5, 20, 50};
    static final int INSTRUCTIONS = 200;
    private static final String LAUNCHER = "gpuc";
    private static final String LOOP = "for f in \"$@\"; do \"$LLC\" -O2 -filetype=obj -relocation-model=pic -mcpu=native"
            + " \"$f\" -o \"$OUT/$(basename \"$f\" .ll).o\" || exit 1; done";

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: CommandLineBenchmark OUT.json [ROUNDS]");
            System.exit(2);
        }
        Optional<Path> launcher = launcher();
        if (launcher.isEmpty()) {
            System.err.println("command-line benchmark skipped: no ./" + LAUNCHER + " launcher above "
                    + codeLocation());
            return;
        }
        int rounds = args.length == 2 ? Integer.parseInt(args[1]) : 3;
        Path work = Files.createTempDirectory("gpuc-bench-cli-");
        try {
            List<Path> inputs = inputs(work.resolve("in"), Arrays.stream(SIZES).max().orElseThrow());
            List<CommandLineRun> runs = new ArrayList<>();
            // One untimed round: the launcher builds the CLI and its class-data archive if they are
            // stale, the first gpuc start checks javacpp's cache, the first llc fills the page cache.
            gpuc(launcher.get(), inputs.subList(0, 1), work.resolve("warm-gpuc"));
            llcLoop(inputs.subList(0, 1), work.resolve("warm-llc"));
            for (int n : SIZES) {
                List<Path> files = inputs.subList(0, n);
                double[] gpuc = new double[rounds];
                double[] llc = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    gpuc[r] = gpuc(launcher.get(), files, work.resolve("gpuc-" + n + "-" + r));
                    llc[r] = llcLoop(files, work.resolve("llc-" + n + "-" + r));
                }
                CommandLineRun run = new CommandLineRun(n, mean(gpuc), Confidence.halfWidth(gpuc), mean(llc), Confidence.halfWidth(llc));
                System.out.printf("N=%d: gpuc %.0f ms, llc loop %.0f ms%n", n, run.gpucMillis(), run.llcMillis());
                runs.add(run);
            }
            Files.writeString(Path.of(args[0]), CommandLineRun.toJson(runs));
        } finally {
            TemporaryDirectory.delete(work);
        }
    }

    private static List<Path> inputs(Path dir, int count) throws IOException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            GeneratedKernel k = GeneratedKernel.ofSize(INSTRUCTIONS, 0, i);
            files.add(Files.writeString(dir.resolve(k.name() + ".ll"), k.ir()));
        }
        return files;
    }

    /** Milliseconds for one {@code gpuc compile} of every file, through the launcher. */
    private static double gpuc(Path launcher, List<Path> files, Path out) throws IOException, InterruptedException {
        Files.createDirectories(out);
        List<String> command = new ArrayList<>(List.of(launcher.toString(), "compile", "--target", "cpu", "-O", "2",
                "--no-cache", "--out-dir", out.toString()));
        files.forEach(f -> command.add(f.toString()));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("GPUC_JAVA_OPTS"); // the launcher's own options, as a user gets them
        return time(pb, out);
    }

    /** The checkout's {@code ./gpuc}: the first directory above this code's jar (or classes) that has one. */
    private static Optional<Path> launcher() {
        for (Path dir = codeLocation(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(LAUNCHER);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static Path codeLocation() {
        try {
            return Path.of(CommandLineBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toAbsolutePath();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate benchmarks.jar: " + e.getMessage(), e);
        }
    }

    /** Milliseconds for a shell loop of {@code llc}, one process per file. */
    private static double llcLoop(List<Path> files, Path out) throws IOException, InterruptedException {
        Files.createDirectories(out);
        ProcessBuilder llc = LlvmTools.command("llc", List.of());
        List<String> command = new ArrayList<>(List.of("bash", "-c", LOOP, "llc-loop"));
        files.forEach(f -> command.add(f.toString()));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(llc.environment());
        pb.environment().put("LLC", llc.command().get(0));
        pb.environment().put("OUT", out.toString());
        return time(pb, out);
    }

    private static double time(ProcessBuilder pb, Path out) throws IOException, InterruptedException {
        Path log = out.resolve("log.txt");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        long start = System.nanoTime();
        int exit = pb.start().waitFor();
        double millis = (System.nanoTime() - start) / 1e6;
        if (exit != 0) {
            throw new IllegalStateException(String.join(" ", pb.command().subList(0, 3)) + "... failed with exit " + exit
                    + ":\n" + Files.readString(log));
        }
        return millis;
    }

    private static double mean(double[] xs) {
        return Arrays.stream(xs).average().orElse(Double.NaN);
    }
}
