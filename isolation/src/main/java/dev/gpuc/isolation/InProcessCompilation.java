package dev.gpuc.isolation;

import dev.gpuc.api.Backend;
import dev.gpuc.api.CompileJob;
import dev.gpuc.api.RelocationStrategy;
import dev.gpuc.passes.CodegenPipeline;
import dev.gpuc.passes.CompileResult;
import dev.gpuc.passes.ExtractionResult;
import java.util.List;

/** {@link CodegenPipeline.Compilation} behind {@link StartedCompilation}: no overhead, no protection. */
public final class InProcessCompilation implements StartedCompilation {
    private final CodegenPipeline.Compilation compilation;

    public InProcessCompilation(CodegenPipeline.Compilation compilation) {
        this.compilation = compilation;
    }

    /** Starts {@code job} with {@code backend} in this process. */
    public static InProcessCompilation start(CompileJob job, Backend backend) {
        return new InProcessCompilation(CodegenPipeline.start(job, backend));
    }

    /** The pipeline's own compilation, for what only it offers (the module, the pipeline object). */
    public CodegenPipeline.Compilation unwrap() {
        return compilation;
    }

    @Override
    public CompileJob job() {
        return compilation.job();
    }

    @Override
    public String backendId() {
        return compilation.backend().id();
    }

    @Override
    public String backendVersion() {
        return compilation.backend().version();
    }

    @Override
    public ExtractionResult extraction() {
        return compilation.extraction();
    }

    @Override
    public RelocationStrategy strategy() {
        return compilation.strategy();
    }

    @Override
    public List<String> entryPoints() {
        return compilation.entryPoints();
    }

    @Override
    public String optimizationPipeline() {
        return compilation.optimizationPipeline().toString();
    }

    @Override
    public byte[] keyMaterial() {
        return compilation.keyMaterial();
    }

    @Override
    public CompileResult finish() {
        return compilation.finish();
    }

    @Override
    public void close() {
        compilation.close();
    }
}
