package dev.gpuc.isolation;

import dev.gpuc.api.CompileJob;
import dev.gpuc.api.RelocationStrategy;
import dev.gpuc.passes.CompileResult;
import dev.gpuc.passes.ExtractionResult;
import dev.gpuc.passes.StageTiming;
import java.util.List;

/**
 * A compilation presented as the deprecated {@link StartedCompilation}, for
 * {@link Isolation#start(CompileJob)}; goes with them.
 */
@Deprecated(forRemoval = true)
@SuppressWarnings("removal")
record LegacyCompilation(dev.gpuc.passes.StartedCompilation c) implements StartedCompilation {
    @Override
    public CompileJob job() {
        return c.job();
    }

    @Override
    public String backendId() {
        return c.backendId();
    }

    @Override
    public String backendVersion() {
        return c.backendVersion();
    }

    @Override
    public ExtractionResult extraction() {
        return c.extraction();
    }

    @Override
    public RelocationStrategy strategy() {
        return c.strategy();
    }

    @Override
    public List<String> entryPoints() {
        return c.entryPoints();
    }

    @Override
    public String pipelineDescription() {
        return c.pipelineDescription();
    }

    @Override
    public byte[] keyMaterial() {
        return c.keyMaterial();
    }

    @Override
    public List<StageTiming> stageTimings() {
        return c.stageTimings();
    }

    @Override
    public CompileResult finish() {
        return c.finish();
    }

    @Override
    public void close() {
        c.close();
    }
}
