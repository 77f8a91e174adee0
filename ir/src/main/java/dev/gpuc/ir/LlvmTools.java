package dev.gpuc.ir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.Loader;

/**
 * LLVM's command-line tools ({@code ld.lld}, {@code llc}, {@code llvm-readobj}, ...) from the
 * bytedeco LLVM jar, run as processes.
 *
 * <p>The preset exposes them through its program classes: {@code Loader.load(program.llvm.class)}
 * extracts the LLVM tools and {@code Loader.load(program.clang.class)} clang's and lld's (with
 * {@code ld.lld} and the other lld flavours), all into one cache directory. The executables need
 * {@code libLLVM.so.MAJOR.MINOR}, a name the jar does not ship (it has {@code libLLVM.so}), so
 * gpuc keeps a directory holding that name as a link and puts it on the tools' library path;
 * javacpp's cache is left as javacpp made it.
 */
public final class LlvmTools {
    private LlvmTools() {}

    /** What a tool did: exit status and both output streams, decoded as UTF-8. */
    public record Result(int exitCode, String stdout, String stderr) {
        public boolean succeeded() {
            return exitCode == 0;
        }
    }

    /** Where the tools are: the two extraction directories and the library directory. */
    private record Locations(Path llvmDir, Path clangDir, Path libraryDir) {}

    private static Locations locations;
    private static RuntimeException failure;

    /** Extracts the tools once per JVM; a failure is remembered and rethrown, never retried. */
    private static synchronized Locations locations() {
        if (locations == null && failure == null) {
            try {
                Path llvmDir = extract(org.bytedeco.llvm.program.llvm.class);
                locations = new Locations(llvmDir, extract(org.bytedeco.llvm.program.clang.class),
                        libraryDirectory(llvmDir));
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
        return locations;
    }

    private static Path extract(Class<?> program) {
        String first;
        try {
            first = Loader.load(program);
        } catch (UnsatisfiedLinkError e) {
            throw new LlvmException("cannot extract " + program.getSimpleName() + " tools: " + e.getMessage());
        }
        if (first == null) {
            throw new LlvmException("the bytedeco LLVM jar ships no " + program.getSimpleName()
                    + " tools for " + Loader.getPlatform());
        }
        return Path.of(first).getParent();
    }

    private static Path libraryDirectory(Path toolDir) {
        String[] version = Llvm.version().split("\\.");
        String soname = "libLLVM.so." + version[0] + "." + version[1];
        Path target = toolDir.resolve("libLLVM.so");
        try {
            Path dir = Files.createDirectories(Loader.getCacheDir().toPath()
                    .resolve("gpuc-llvm-tools-" + Llvm.version()));
            Path link = dir.resolve(soname);
            if (!Files.exists(link)) { // also true for a link left dangling by a moved cache
                Files.deleteIfExists(link);
                try {
                    Files.createSymbolicLink(link, target);
                } catch (FileAlreadyExistsException raced) {
                    // another process made it between the check and the link: same target
                }
            }
            return dir;
        } catch (IOException e) {
            throw new LlvmException("cannot prepare the library directory for LLVM's tools: " + e);
        }
    }

    /**
     * The executable of a tool such as {@code ld.lld} or {@code llvm-readobj}.
     *
     * @throws LlvmException when the jar has no such tool on this platform, or it cannot be extracted
     */
    public static Path path(String tool) {
        Locations where = locations();
        for (Path dir : List.of(where.llvmDir(), where.clangDir())) {
            Path p = dir.resolve(tool);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        throw new LlvmException("LLVM tool '" + tool + "' is not in the bytedeco LLVM jar for " + Loader.getPlatform());
    }

    /** A process builder for {@code tool args...}, with the environment the tool needs to start. */
    public static ProcessBuilder command(String tool, List<String> args) {
        List<String> command = new ArrayList<>(args.size() + 1);
        command.add(path(tool).toString());
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command);
        String inherited = pb.environment().get("LD_LIBRARY_PATH");
        pb.environment().put("LD_LIBRARY_PATH", locations().libraryDir()
                + (inherited == null || inherited.isEmpty() ? "" : java.io.File.pathSeparator + inherited));
        return pb;
    }

    /**
     * Runs a tool to completion and captures its output.
     *
     * @throws LlvmException when it cannot start, or runs longer than {@code timeout} (it is then
     *                       killed, with whatever it had written to stderr in the message)
     */
    public static Result run(String tool, List<String> args, Duration timeout) {
        Process process;
        try {
            process = command(tool, args).start();
        } catch (IOException e) {
            throw new LlvmException("cannot start " + tool + ": " + e.getMessage());
        }
        try {
            process.getOutputStream().close();
            // Both pipes drained on threads of their own so a chatty tool never blocks on a full pipe.
            CompletableFuture<String> out = drain(process.getInputStream(), tool + " stdout");
            CompletableFuture<String> err = drain(process.getErrorStream(), tool + " stderr");
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new LlvmException(tool + " did not finish within " + timeout.toSeconds() + " s and was killed"
                        + tail(err.getNow("")));
            }
            return new Result(process.exitValue(), out.get(), err.get());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new LlvmException("interrupted while running " + tool);
        } catch (IOException | ExecutionException e) {
            process.destroyForcibly();
            throw new LlvmException("cannot read the output of " + tool + ": " + e.getMessage());
        }
    }

    /** The first line a tool prints for {@code --version}, such as {@code LLD 20.1.7 (compatible with GNU linkers)}. */
    public static String version(String tool) {
        Result r = run(tool, List.of("--version"), Duration.ofSeconds(30));
        String text = (r.stdout() + r.stderr()).strip();
        if (!r.succeeded() || text.isEmpty()) {
            throw new LlvmException(tool + " --version failed (exit " + r.exitCode() + ")" + tail(r.stderr()));
        }
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElseThrow();
    }

    private static CompletableFuture<String> drain(InputStream in, String name) {
        CompletableFuture<String> text = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (in) {
                text.complete(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                text.completeExceptionally(e);
            }
        }, name);
        reader.setDaemon(true);
        reader.start();
        return text;
    }

    private static String tail(String stderr) {
        String s = stderr.strip();
        return s.isEmpty() ? "" : ": " + s;
    }
}
