package dev.gpuc.passes;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** An external validator (ptxas, spirv-val) run on bytes; tests skip when it is not installed. */
record ExternalTool(Path executable) {
    record Outcome(int exitCode, String output) {}

    /** Finds {@code name} on the PATH (or {@code /usr/local/bin}); skips the test if absent. */
    static ExternalTool require(String name) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        dirs.add("/usr/local/bin");
        for (String d : dirs) {
            Path p = Path.of(d.isEmpty() ? "." : d, name);
            if (Files.isExecutable(p)) {
                return new ExternalTool(p);
            }
        }
        assumeTrue(false, name + " is not installed");
        throw new AssertionError("unreachable");
    }

    /** Writes {@code input} to a temporary file with {@code suffix} and runs the tool on it. */
    Outcome run(byte[] input, String suffix, String... args) throws IOException, InterruptedException {
        Path file = Files.createTempFile("gpuc-passes-", suffix);
        try {
            Files.write(file, input);
            List<String> command = new ArrayList<>();
            command.add(executable.toString());
            for (String a : args) {
                command.add(a.equals("{}") ? file.toString() : a);
            }
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(executable + " did not finish");
            }
            return new Outcome(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
