package dev.gpuc.bench;

import dev.gpuc.api.Backend;
import dev.gpuc.api.Backends;
import dev.gpuc.api.CompileJob;
import dev.gpuc.api.ModuleSource;
import dev.gpuc.api.RuntimeValues;
import dev.gpuc.api.Target;
import java.util.Map;

/**
 * The jobs benchmarks compile, named {@code backend/kernel}: a corpus kernel such as
 * {@code ptx/saxpy.ptx}, or {@code backend/gen-N} for a {@link GeneratedKernel} of about N
 * instructions (with its runtime values).
 *
 * <p>Targets leave out work that is a separate tool rather than compilation: PTX without the
 * {@code ptxas} cubin, SPIR-V without the {@code spirv-val} check.
 */
public final class BenchJobs {
    private BenchJobs() {}

    /** A job and the backend (found through the SPI) that compiles it. */
    public record Case(Backend backend, CompileJob job) {}

    /** @param name {@code backend/kernel} */
    public static Case of(String name) {
        String[] parts = name.split("/", 2);
        if (parts.length != 2) {
            throw new IllegalArgumentException("a case is backend/kernel, got " + name);
        }
        Backend backend = Backends.discover().lookup(parts[0]).orThrow();
        return new Case(backend, job(backend, parts[1]));
    }

    static CompileJob job(Backend backend, String kernel) {
        boolean gpu = backend.kernelCallingConvention().isPresent();
        ModuleSource source;
        RuntimeValues values = RuntimeValues.empty();
        if (kernel.startsWith("gen-")) {
            GeneratedKernel g = GeneratedKernel.ofSize(Integer.parseInt(kernel.substring(4)), gpu ? 1 : 0, 1);
            source = g.source();
            values = g.values();
        } else {
            source = Corpus.source("kernels/" + kernel + ".ll");
        }
        return CompileJob.builder(source, target(backend)).kernel(gpu).runtimeValues(values).build();
    }

    private static Target target(Backend backend) {
        return switch (backend.id()) {
            case "ptx" -> backend.target("sm_75", "", Map.of("cubin", "false"));
            case "spirv" -> backend.target("", "", Map.of("validate", "false"));
            default -> backend.defaultTarget();
        };
    }
}
