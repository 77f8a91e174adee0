package dev.gpuc.backend.ptx;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gpuc.api.Artifact;
import dev.gpuc.api.CompileJob;
import dev.gpuc.api.DebugInfo;
import dev.gpuc.api.ModuleSource;
import dev.gpuc.api.Payload;
import dev.gpuc.passes.CodegenPipeline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Test helpers: the corpus, compiling through the backend, and asking ptxas. */
final class Ptx {
    private Ptx() {}

    static final PtxBackend BACKEND = new PtxBackend();

    static Path corpus(String relative) {
        String root = System.getProperty("gpuc.corpus");
        assumeTrue(root != null, "gpuc.corpus is not set (run through Maven)");
        return Path.of(root).resolve(relative);
    }

    static ModuleSource source(String relative) {
        try {
            return ModuleSource.of(corpus(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PtxTarget target(String arch) {
        return BACKEND.target(arch, "", java.util.Map.of()).withCubin(false);
    }

    /** Compiles through the driver's pipeline (parse, extract, mark, lower, prepare, O2, emit). */
    static Artifact compile(CompileJob job) {
        try (CodegenPipeline.Compilation c = CodegenPipeline.start(job, BACKEND)) {
            return c.finish().artifact();
        }
    }

    static List<Payload> compile(ModuleSource source, PtxTarget target, DebugInfo debugInfo) {
        return compile(CompileJob.builder(source, target).debugInfo(debugInfo).build()).payloads();
    }

    static String ptx(ModuleSource source, PtxTarget target) {
        return text(compile(source, target, DebugInfo.NONE).get(0));
    }

    static String ptx(String name, String ir, PtxTarget target) {
        return ptx(ModuleSource.ofText(name, ir), target);
    }

    static String text(Payload p) {
        return new String(p.bytes(), StandardCharsets.US_ASCII);
    }

    static Ptxas ptxas() {
        Optional<Ptxas> p = Ptxas.find();
        assumeTrue(p.isPresent(), "ptxas not found (PATH, $CUDA_HOME/bin, /usr/local/cuda/bin); install the CUDA toolkit");
        return p.get();
    }

    /**
     * The GPU ptxas checks PTX for {@code cc} against: the capability itself, or for a plain
     * capability this ptxas dropped (CUDA 13 has no sm_70), the next one it has, which accepts
     * the same PTX.
     */
    static String assemblyArch(Ptxas ptxas, ComputeCapability cc) {
        if (ptxas.supports(cc)) {
            return cc.ptxasArch();
        }
        assumeTrue(cc.suffix().isEmpty(), "ptxas " + ptxas.version() + " cannot assemble for " + cc);
        Optional<String> next = ptxas.archs().stream().filter(a -> a.matches("sm_\\d+"))
                .filter(a -> Integer.parseInt(a.substring(3)) >= cc.major() * 10 + cc.minor())
                .min(Comparator.comparingInt(a -> Integer.parseInt(a.substring(3))));
        assumeTrue(next.isPresent(), "ptxas " + ptxas.version() + " has no GPU at or above " + cc);
        return next.get();
    }

    /** Assembles PTX for {@code cc} (or its stand-in); throws BackendFailure with ptxas's messages if rejected. */
    static byte[] assemble(String ptx, ComputeCapability cc) {
        Ptxas p = ptxas();
        return p.assemble(ptx.getBytes(StandardCharsets.US_ASCII), assemblyArch(p, cc), List.of());
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
