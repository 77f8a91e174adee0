package dev.gpuc.isolation;

import dev.gpuc.api.CompileJob;

/**
 * The first form of this module's API, before the interface moved to {@code passes}, where
 * {@code CodegenPipeline.Compilation} implements it too.
 *
 * @deprecated use {@link dev.gpuc.passes.StartedCompilation} and {@link Isolation#start(CompileJob, Trust)}
 */
@Deprecated(forRemoval = true)
public interface StartedCompilation extends dev.gpuc.passes.StartedCompilation {
    /** @deprecated {@link #pipelineDescription()} */
    @Deprecated(forRemoval = true)
    default String optimizationPipeline() {
        return pipelineDescription();
    }
}
