package dev.gpuc.backend.spirv;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Khronos {@code spirv-val} (Debian's {@code spirv-tools}), run on every artifact when a target
 * asks for validation. Found through the system property {@code gpuc.spirv-val} or on the
 * {@code PATH}.
 */
final class SpirvValidator {
    private static final long TIMEOUT_SECONDS = 60;

    private final Path executable;
    private final String version;

    private SpirvValidator(Path executable, String version) {
        this.executable = executable;
        this.version = version;
    }

    private static final class Holder {
        static final Optional<SpirvValidator> INSTANCE = locate();
    }

    /** The validator of this machine, if one is installed. */
    static Optional<SpirvValidator> find() {
        return Holder.INSTANCE;
    }

    private static Optional<SpirvValidator> locate() {
        String configured = System.getProperty("gpuc.spirv-val");
        Optional<Path> path = configured != null && !configured.isBlank() ? Optional.of(Path.of(configured))
                : onPath("spirv-val");
        if (path.isEmpty() || !Files.isExecutable(path.get())) {
            return Optional.empty();
        }
        try {
            Result r = run(List.of(path.get().toString(), "--version"));
            String first = r.output.lines().findFirst().orElse("").strip();
            return r.exitCode == 0 && !first.isEmpty() ? Optional.of(new SpirvValidator(path.get(), first))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The first line of {@code spirv-val --version}, such as {@code SPIRV-Tools v2023.1 ...}. */
    String version() {
        return version;
    }

    /**
     * The validation environment for a module of this SPIR-V version. spirv-val knows OpenCL
     * semantics only up to SPIR-V 1.2 (OpenCL 2.2); newer modules get the plain SPIR-V rules.
     */
    static String environment(SpirvTarget.Version v) {
        if (v.minor() == 0) {
            return "opencl1.2";
        }
        return v.minor() <= 2 ? "opencl2.2" : "spv1." + v.minor();
    }

    /** The validator's complaint about {@code binary}, or empty when it accepts it. */
    Optional<String> check(byte[] binary, SpirvTarget.Version version) throws IOException {
        Path file = Files.createTempFile("gpuc-", ".spv");
        try {
            Files.write(file, binary);
            Result r = run(List.of(executable.toString(), "--target-env", environment(version), file.toString()));
            if (r.exitCode == 0) {
                return Optional.empty();
            }
            String message = r.output.replace(file.toString(), "<artifact>").strip();
            return Optional.of(message.isEmpty() ? "spirv-val exited with status " + r.exitCode : message);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private record Result(int exitCode, String output) {}

    /** Runs a command with its output in a file, so a stuck process cannot block the read. */
    private static Result run(List<String> command) throws IOException {
        Path log = Files.createTempFile("gpuc-spirv-val-", ".log");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            try {
                if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IOException(command.get(0) + " did not finish within " + TIMEOUT_SECONDS + " s");
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while running " + command.get(0), e);
            }
            return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
