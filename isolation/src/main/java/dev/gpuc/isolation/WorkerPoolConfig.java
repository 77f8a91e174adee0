package dev.gpuc.isolation;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * How a {@link WorkerPool} starts and limits its workers. {@link #defaults()} gives the same
 * JVM and class path as this process, one worker per core, a 1 GiB heap and a two-minute limit
 * per job; the {@code with…} methods change one setting.
 *
 * @param workers         at most this many worker processes at a time (each runs one job)
 * @param maxHeap         each worker's {@code -Xmx} ({@code 512m}, {@code 2g}); running out of it
 *                        ends the worker (the job fails as a {@code BackendCrash})
 * @param jobTimeout      the most time a worker may spend on one job (start and finish together;
 *                        the host's own time in between does not count)
 * @param startTimeout    the most time a new worker may take to start and load LLVM
 * @param stderrTailBytes how much of a worker's stderr is kept for crash reports
 * @param java            the {@code java} executable
 * @param classPath       the workers' class path: it must hold gpuc-isolation and the backends
 * @param jvmOptions      further JVM options, after gpuc's own
 */
public record WorkerPoolConfig(int workers, String maxHeap, Duration jobTimeout, Duration startTimeout,
                               int stderrTailBytes, Path java, List<String> classPath, List<String> jvmOptions) {
    public WorkerPoolConfig {
        if (workers < 1) {
            throw new IllegalArgumentException("a worker pool needs at least one worker, got " + workers);
        }
        if (!maxHeap.matches("[0-9]+[kKmMgG]?")) {
            throw new IllegalArgumentException("max heap must look like -Xmx's value (512m, 2g), got " + maxHeap);
        }
        requirePositive(jobTimeout, "job timeout");
        requirePositive(startTimeout, "start timeout");
        if (stderrTailBytes < 256) {
            throw new IllegalArgumentException("keep at least 256 bytes of stderr, got " + stderrTailBytes);
        }
        Objects.requireNonNull(java, "java");
        // Workers run in a directory of their own: relative entries must not change meaning.
        classPath = classPath.stream().filter(e -> !e.isEmpty()).map(e -> Path.of(e).toAbsolutePath().toString())
                .toList();
        jvmOptions = List.copyOf(jvmOptions);
    }

    private static void requirePositive(Duration d, String what) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, got " + d);
        }
    }

    public static WorkerPoolConfig defaults() {
        Path java = ProcessHandle.current().info().command().map(Path::of)
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java"));
        List<String> classPath = Arrays.asList(System.getProperty("java.class.path", "").split(File.pathSeparator));
        return new WorkerPoolConfig(Runtime.getRuntime().availableProcessors(), "1g", Duration.ofMinutes(2),
                Duration.ofSeconds(60), 8192, java, classPath, List.of());
    }

    public WorkerPoolConfig withWorkers(int n) {
        return new WorkerPoolConfig(n, maxHeap, jobTimeout, startTimeout, stderrTailBytes, java, classPath, jvmOptions);
    }

    public WorkerPoolConfig withMaxHeap(String heap) {
        return new WorkerPoolConfig(workers, heap, jobTimeout, startTimeout, stderrTailBytes, java, classPath, jvmOptions);
    }

    public WorkerPoolConfig withJobTimeout(Duration limit) {
        return new WorkerPoolConfig(workers, maxHeap, limit, startTimeout, stderrTailBytes, java, classPath, jvmOptions);
    }

    public WorkerPoolConfig withStartTimeout(Duration limit) {
        return new WorkerPoolConfig(workers, maxHeap, jobTimeout, limit, stderrTailBytes, java, classPath, jvmOptions);
    }

    public WorkerPoolConfig withJvmOptions(List<String> options) {
        return new WorkerPoolConfig(workers, maxHeap, jobTimeout, startTimeout, stderrTailBytes, java, classPath, options);
    }

    /**
     * The worker's command line. Crash litter stays out of the user's directories: no core
     * dumps from the JVM's handler, its hs_err report in {@code workDir} (which is also the
     * working directory, for whatever else a dying process writes), and all VM output on stderr
     * so stdout carries only frames. {@code gpuc.*} and {@code org.bytedeco.*} system properties
     * (tool paths, javacpp's cache) are passed on.
     */
    List<String> command(Path workDir) {
        List<String> c = new ArrayList<>(List.of(java.toString(), "-Xmx" + maxHeap, "-XX:+UseSerialGC",
                "-XX:+ExitOnOutOfMemoryError", "-XX:-CreateCoredumpOnCrash", "-XX:+DisplayVMOutputToStderr",
                "-XX:ErrorFile=" + workDir.resolve("hs_err_pid%p.log")));
        for (Map.Entry<Object, Object> e : System.getProperties().entrySet()) {
            String key = e.getKey().toString();
            if (key.startsWith("gpuc.") || key.startsWith("org.bytedeco.")) {
                c.add("-D" + key + "=" + e.getValue());
            }
        }
        c.addAll(jvmOptions);
        c.add("-cp");
        c.add(classPath.stream().collect(Collectors.joining(File.pathSeparator)));
        c.add(WorkerMain.class.getName());
        return c;
    }
}
