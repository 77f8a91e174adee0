package dev.gpuc.passes;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gpuc.ir.ExternalProgram;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An external validator (ptxas, spirv-val) run on bytes; tests skip when it is not installed.
 * (The backends' own wrappers of these tools are out of reach here: passes comes before them.)
 */
record ExternalTool(Path executable) {
    /** Finds {@code name} on the PATH (or in {@code /usr/local/bin}); skips the test if absent. */
    static ExternalTool require(String name) {
        Optional<Path> found = ExternalProgram.onPath(name)
                .or(() -> Optional.of(Path.of("/usr/local/bin", name)).filter(Files::isExecutable));
        assumeTrue(found.isPresent(), name + " is not installed");
        return new ExternalTool(found.get());
    }

    /** Writes {@code input} to a temporary file with {@code suffix} and runs the tool on it, where {@code {}} stands. */
    ExternalProgram.Outcome run(byte[] input, String suffix, String... args) throws IOException {
        Path file = Files.createTempFile("gpuc-passes-", suffix);
        try {
            Files.write(file, input);
            List<String> command = new ArrayList<>();
            command.add(executable.toString());
            for (String a : args) {
                command.add(a.equals("{}") ? file.toString() : a);
            }
            return ExternalProgram.run(command, Duration.ofSeconds(120));
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
