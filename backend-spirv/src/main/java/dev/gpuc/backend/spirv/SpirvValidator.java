package dev.gpuc.backend.spirv;

import dev.gpuc.ir.ExternalProgram;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Khronos {@code spirv-val} (Debian's {@code spirv-tools}), run on every artifact when a target
 * asks for validation. Found through the system property {@code gpuc.spirv-val} or on the
 * {@code PATH}.
 */
final class SpirvValidator {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

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
                : ExternalProgram.onPath("spirv-val");
        if (path.isEmpty() || !Files.isExecutable(path.get())) {
            return Optional.empty();
        }
        try {
            ExternalProgram.Outcome r = ExternalProgram.run(List.of(path.get().toString(), "--version"), TIMEOUT);
            String first = r.output().lines().findFirst().orElse("").strip();
            return r.succeeded() && !first.isEmpty() ? Optional.of(new SpirvValidator(path.get(), first))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
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
            ExternalProgram.Outcome r = ExternalProgram.run(
                    List.of(executable.toString(), "--target-env", environment(version), file.toString()), TIMEOUT);
            if (r.timedOut()) {
                throw new IOException("spirv-val did not finish within " + TIMEOUT.toSeconds() + " s");
            }
            if (r.succeeded()) {
                return Optional.empty();
            }
            String message = r.output().replace(file.toString(), "<artifact>").strip();
            return Optional.of(message.isEmpty() ? "spirv-val exited with status " + r.exitCode() : message);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
