package dev.gpuc.cli;

import dev.gpuc.api.BackendCrash;
import dev.gpuc.api.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code compile --isolate}: each input is compiled by a child {@code gpuc compile} in its own
 * JVM, so an LLVM abort or segfault ends that child, not this process, and becomes a
 * {@link BackendCrash} line naming the signal and LLVM's last message. Costs a JVM start and
 * LLVM initialisation per input (about a second); the cache is shared through the disk tier.
 */
final class Isolated {
    private Isolated() {}

    /** The outcome of one child: its JSON result, or the crash that ended it. */
    private record Child(Path input, int exit, Map<String, Object> result, String stdout, String stderr) {}

    static int compile(CompileCommand c, PrintWriter out, PrintWriter err) {
        int parallel = c.jobs != null ? c.jobs : Runtime.getRuntime().availableProcessors();
        List<Child> children = new ArrayList<>();
        for (int from = 0; from < c.inputs.size(); from += parallel) {
            List<CompletableFuture<Child>> batch = new ArrayList<>();
            for (Path input : c.inputs.subList(from, Math.min(c.inputs.size(), from + parallel))) {
                batch.add(CompletableFuture.supplyAsync(() -> run(c, input)));
            }
            batch.forEach(f -> children.add(f.join()));
        }
        int exit = ExitCode.OK;
        List<Object> results = new ArrayList<>();
        for (Child child : children) {
            if (child.result() != null || child.exit() == ExitCode.USAGE) {
                err.print(child.stderr()); // the child's own warning and error lines
            }
            if (child.result() != null) {
                results.add(child.result());
                exit = Math.max(exit, child.exit());
                continue;
            }
            if (child.exit() == ExitCode.USAGE) {
                exit = Math.max(exit, ExitCode.USAGE);
                continue;
            }
            BackendCrash crash = crash(child);
            exit = Math.max(exit, Failures.report(err, child.input().toString(), crash));
            results.add(Reports.errorJson(child.input().toString(), crash));
        }
        if (c.json) {
            out.println(Json.write(results));
        }
        return exit;
    }

    private static Child run(CompileCommand c, Path input) {
        // A native crash ends the child with a fatal-error banner on stdout (read below for the
        // signal and the frame), no hs_err file and no core dump.
        List<String> command = new ArrayList<>(List.of(DemoCommand.javaExecutable(), "-Xss16m",
                "-XX:ErrorFile=/dev/null", "-XX:-CreateCoredumpOnCrash",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(arguments(c, input));
        try {
            Process p = new ProcessBuilder(command).start();
            p.getOutputStream().close();
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
            String stdout = read(p.getInputStream());
            int exit = p.waitFor();
            Map<String, Object> result = null;
            if (exit == ExitCode.OK || exit == ExitCode.COMPILATION_ERROR) {
                try {
                    if (Json.parse(stdout) instanceof List<?> list && list.size() == 1 && list.get(0) instanceof Map<?, ?> m) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> typed = (Map<String, Object>) m;
                        result = typed;
                    }
                } catch (IllegalArgumentException e) {
                    // no result: the child died before printing it
                }
            }
            return new Child(input, exit, result, stdout, stderr.join());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a compiler process: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while compiling " + input, e);
        }
    }

    /** The child's command line: this one's options, for one input, always with JSON output. */
    private static List<String> arguments(CompileCommand c, Path input) {
        List<String> a = new ArrayList<>(List.of("compile", input.toString(), "--target", c.target, "-O" + c.optLevel,
                "--relocation", c.relocation, "--json"));
        option(a, "--arch", c.arch);
        option(a, "--features", c.features);
        option(a, "--emit", c.emit);
        c.entries.forEach(e -> option(a, "--entry", e));
        c.libraries.forEach(l -> option(a, "--link", l));
        option(a, "--runtime-values", c.runtimeValues);
        if (c.output != null) {
            option(a, "-o", c.output.file);
            option(a, "--out-dir", c.output.dir);
        }
        option(a, "--remote-cache", c.remote.url);
        if (c.cache != null) {
            option(a, "--cache-dir", c.cache.dir);
            if (c.cache.off) {
                a.add("--no-cache");
            }
        }
        return a;
    }

    private static void option(List<String> args, String name, Object value) {
        if (value != null) {
            args.add(name);
            args.add(value.toString());
        }
    }

    /**
     * How a child that left no result ended: the JVM's fatal-error banner names the signal and
     * the native frame (a segfault in LLVM); otherwise a signal (an LLVM abort: exit status
     * above 128) or a bare exit status. LLVM's own last message is on the child's stderr.
     */
    static BackendCrash crash(Child child) {
        Matcher signal = BANNER_SIGNAL.matcher(child.stdout());
        if (signal.find()) {
            Matcher frame = BANNER_FRAME.matcher(child.stdout());
            String last = !child.stderr().isBlank() ? child.stderr() : frame.find() ? "in " + frame.group(1).strip() : "";
            return new BackendCrash(signal.group(1) + " in native code", last);
        }
        int exit = child.exit();
        if (exit > 128) {
            int number = exit - 128;
            String name = switch (number) {
                case 4 -> "SIGILL";
                case 6 -> "SIGABRT";
                case 7 -> "SIGBUS";
                case 8 -> "SIGFPE";
                case 9 -> "SIGKILL";
                case 11 -> "SIGSEGV";
                default -> "signal";
            };
            return new BackendCrash("signal " + number + " (" + name + ")", child.stderr());
        }
        return new BackendCrash("the compiler process exited with status " + exit + " without a result", child.stderr());
    }

    private static final Pattern BANNER_SIGNAL = Pattern.compile("^#\\s+(SIG[A-Z]+) \\(0x[0-9a-f]+\\)", Pattern.MULTILINE);
    private static final Pattern BANNER_FRAME = Pattern.compile("^# Problematic frame:\\R#(.*)$", Pattern.MULTILINE);

    private static String read(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
