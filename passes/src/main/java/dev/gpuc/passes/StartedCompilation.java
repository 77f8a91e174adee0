package dev.gpuc.passes;

import dev.gpuc.api.CompileJob;
import dev.gpuc.api.RelocationStrategy;
import java.util.List;

/**
 * A compilation after its start (parse, link libraries, extract runtime globals, choose the
 * strategy, validate), wherever it runs: {@link CodegenPipeline.Compilation} in this process,
 * or a worker process's (gpuc-isolation). A driver takes the key material, looks up its cache,
 * and only then finishes or abandons it, the same way in both cases.
 */
public interface StartedCompilation extends AutoCloseable {
    CompileJob job();

    /** The id of the backend that compiles the job. */
    String backendId();

    /** That backend's {@code Backend.version()}: part of the cache key. */
    String backendVersion();

    /** What runtime-global extraction found: the slots, and whether the module is portable. */
    ExtractionResult extraction();

    RelocationStrategy strategy();

    List<String> entryPoints();

    /** The optimisation pipeline {@link #finish} runs, as text ({@code Pipeline.toString()}): part of the cache key. */
    String pipelineDescription();

    /** The canonical bytes the cache key is hashed from; only before {@link #finish}. */
    byte[] keyMaterial();

    /** The wall time of each stage run so far, in order: {@code parse} to {@code validate} after the start. */
    List<StageTiming> stageTimings();

    /**
     * Runs the rest of the pipeline; once.
     *
     * @throws dev.gpuc.api.GpucException a typed error ({@code BackendCrash} when a worker died)
     */
    CompileResult finish();

    /** Releases the compilation; abandons it when it was not finished. Idempotent. */
    @Override
    void close();
}
