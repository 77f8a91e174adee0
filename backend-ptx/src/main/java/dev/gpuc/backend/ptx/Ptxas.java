package dev.gpuc.backend.ptx;

import dev.gpuc.api.BackendFailure;
import dev.gpuc.ir.ExternalProgram;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * NVIDIA's PTX assembler, run as a process: it turns PTX into a cubin for one GPU, and its
 * verdict is the acceptance test for the PTX gpuc emits.
 *
 * <p>Found through the system property {@code gpuc.ptxas} (a path), else on {@code PATH}, else
 * in {@code $CUDA_HOME/bin}, {@code /usr/local/cuda/bin} and {@code /usr/local/cuda-X.Y/bin}
 * (the newest), where toolkits are installed without being linked.
 *
 * @param version the {@code V} number of {@code ptxas --version}, such as {@code 13.0.88}
 * @param archs   the {@code sm_*} values its {@code -arch} accepts
 */
public record Ptxas(Path path, String version, Set<String> archs) {
    /** How long one assembly may take before it is killed and reported. */
    public static final Duration TIMEOUT = Duration.ofSeconds(120);

    private static final Pattern VERSION = Pattern.compile("\\bV(\\d+\\.\\d+\\.\\d+)\\b");
    private static final Pattern ARCH = Pattern.compile("'(sm_\\d+[af]?)'");

    public Ptxas {
        archs = Set.copyOf(archs);
    }

    private static final class Found {
        static final Optional<Ptxas> PTXAS = locate().flatMap(Ptxas::probe);
    }

    /** The {@code ptxas} of this machine, probed once per JVM. */
    public static Optional<Ptxas> find() {
        return Found.PTXAS;
    }

    private static Optional<Path> locate() {
        String explicit = System.getProperty("gpuc.ptxas");
        if (explicit != null && !explicit.isBlank()) {
            return Optional.of(Path.of(explicit)).filter(Files::isExecutable);
        }
        Optional<Path> onPath = ExternalProgram.onPath("ptxas");
        if (onPath.isPresent()) {
            return onPath;
        }
        List<Path> dirs = new ArrayList<>();
        String cudaHome = System.getenv("CUDA_HOME");
        if (cudaHome != null && !cudaHome.isBlank()) {
            dirs.add(Path.of(cudaHome, "bin"));
        }
        dirs.add(Path.of("/usr/local/cuda/bin"));
        try (Stream<Path> local = Files.list(Path.of("/usr/local"))) {
            local.filter(d -> d.getFileName().toString().matches("cuda-\\d+\\.\\d+"))
                    .sorted(Comparator.comparing(Ptxas::toolkitVersion).reversed())
                    .forEach(d -> dirs.add(d.resolve("bin")));
        } catch (IOException e) {
            // no /usr/local to look in
        }
        return dirs.stream().map(d -> d.resolve("ptxas")).filter(Files::isExecutable).findFirst();
    }

    /** {@code cuda-12.9} as 12 * 1000 + 9, so that 12.10 sorts after 12.9. */
    private static int toolkitVersion(Path dir) {
        String[] v = dir.getFileName().toString().substring("cuda-".length()).split("\\.");
        return Integer.parseInt(v[0]) * 1000 + Integer.parseInt(v[1]);
    }

    private static Optional<Ptxas> probe(Path path) {
        try {
            Matcher v = VERSION.matcher(ExternalProgram.run(List.of(path.toString(), "--version"), Duration.ofSeconds(30))
                    .output());
            if (!v.find()) {
                return Optional.empty();
            }
            Set<String> archs = new TreeSet<>();
            String help = ExternalProgram.run(List.of(path.toString(), "--help"), Duration.ofSeconds(30)).output();
            int start = help.indexOf("--gpu-name");
            int end = start < 0 ? -1 : help.indexOf("Default value", start);
            if (end > start) {
                Matcher a = ARCH.matcher(help.substring(start, end));
                while (a.find()) {
                    archs.add(a.group(1));
                }
            }
            return Optional.of(new Ptxas(path, v.group(1), archs));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Whether this {@code ptxas} can build a cubin for {@code capability}. */
    public boolean supports(ComputeCapability capability) {
        return archs.contains(capability.ptxasArch());
    }

    /**
     * Assembles PTX into a cubin for {@code arch}.
     *
     * @param extraArgs further {@code ptxas} flags, such as {@code -lineinfo}
     * @throws BackendFailure carrying {@code ptxas}'s messages when it rejects the PTX or times out
     */
    public byte[] assemble(byte[] ptx, String arch, List<String> extraArgs) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("gpuc-ptxas");
            Path in = dir.resolve("module.ptx");
            Path out = dir.resolve("module.cubin");
            Files.write(in, ptx);
            List<String> command = new ArrayList<>(List.of(path.toString(), "-arch=" + arch));
            command.addAll(extraArgs);
            command.addAll(List.of("-o", out.toString(), in.toString()));
            ExternalProgram.Outcome r = ExternalProgram.run(command, TIMEOUT);
            if (r.timedOut()) {
                throw new BackendFailure(PtxTarget.BACKEND, "ptxas " + version + " did not finish within "
                        + TIMEOUT.toSeconds() + " s assembling for " + arch + tail(r.output()));
            }
            if (r.exitCode() != 0 || !Files.isRegularFile(out)) {
                throw new BackendFailure(PtxTarget.BACKEND, "ptxas " + version + " rejected the PTX for " + arch
                        + " (exit " + r.exitCode() + ")" + tail(r.output()));
            }
            return Files.readAllBytes(out);
        } catch (IOException e) {
            throw new BackendFailure(PtxTarget.BACKEND, "cannot run ptxas at " + path + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(dir);
        }
    }

    private static String tail(String output) {
        String s = output.strip();
        return s.isEmpty() ? "" : ":\n" + (s.length() > 4000 ? "..." + s.substring(s.length() - 4000) : s);
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory is not worth failing a compilation for
        }
    }
}
