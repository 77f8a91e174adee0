package dev.gpuc.ir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A program outside LLVM ({@code ptxas}, {@code spirv-val}) run to completion: what the
 * backends' validators and assemblers share. (LLVM's own tools, which need the jar's library
 * path and separate output streams, are {@link LlvmTools}.)
 */
public final class ExternalProgram {
    private ExternalProgram() {}

    /** What a run did: exit status (-1 when killed), whether it ran out of time, stdout and stderr together. */
    public record Outcome(int exitCode, boolean timedOut, String output) {
        public boolean succeeded() {
            return exitCode == 0 && !timedOut;
        }
    }

    /** The executable {@code name} in the first {@code PATH} directory that has one. */
    public static Optional<Path> onPath(String name) {
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

    /**
     * Runs {@code command} with empty input and its output in a temporary file, so that it can
     * never block on a full pipe; after {@code timeout} it is killed and reported as timed out.
     *
     * @throws IOException when it cannot start, or the wait is interrupted (it is then killed)
     */
    public static Outcome run(List<String> command, Duration timeout) throws IOException {
        Path log = Files.createTempFile("gpuc-run-", ".log");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            boolean done;
            try {
                done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while running " + command.get(0), e);
            }
            if (!done) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            return new Outcome(done ? p.exitValue() : -1, !done, new String(Files.readAllBytes(log), StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while killing " + command.get(0), e);
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
