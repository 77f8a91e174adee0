package dev.gpuc.passes;

import dev.gpuc.api.Artifact;
import java.util.List;
import java.util.Optional;

/**
 * What {@link CodegenPipeline.Compilation#finish()} produced.
 *
 * @param timings     every stage of the compilation in order, {@code start} and {@code finish} alike
 * @param passTimings the per-pass report when {@link InstrumentationOptions#timePasses()} was on
 */
public record CompileResult(Artifact artifact, List<StageTiming> timings, Optional<TimingReport> passTimings) {
    public CompileResult {
        timings = List.copyOf(timings);
    }
}
