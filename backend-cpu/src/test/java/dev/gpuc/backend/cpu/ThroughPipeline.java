package dev.gpuc.backend.cpu;

import dev.gpuc.api.Artifact;
import dev.gpuc.api.ArtifactCodec;
import dev.gpuc.api.CompileJob;
import dev.gpuc.api.ModuleSource;
import dev.gpuc.api.RelocationStrategy;
import dev.gpuc.api.RuntimeValues;
import dev.gpuc.passes.CodegenPipeline;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real compilation path for tests: {@link CodegenPipeline} with a {@link CpuBackend}
 * (extraction, relocation lowering, prepare, O2, emit), and the artifact kept only as bytes.
 */
final class ThroughPipeline {
    static final CpuBackend BACKEND = new CpuBackend();

    private ThroughPipeline() {}

    static String corpus(String file) throws Exception {
        return Files.readString(Path.of(System.getProperty("gpuc.corpus"), file));
    }

    static Artifact compile(String name, String ir, RuntimeValues values, RelocationStrategy strategy) {
        CompileJob job = CompileJob.builder(ModuleSource.ofText(name, ir), BACKEND.defaultTarget())
                .kernel(false).runtimeValues(values).relocation(strategy).build();
        try (CodegenPipeline.Compilation c = CodegenPipeline.start(job, BACKEND)) {
            byte[] bytes = ArtifactCodec.encode(c.finish().artifact());
            return ArtifactCodec.decode(bytes, name);
        }
    }

    static Artifact compile(String name, String ir) {
        return compile(name, ir, RuntimeValues.empty(), null);
    }
}
