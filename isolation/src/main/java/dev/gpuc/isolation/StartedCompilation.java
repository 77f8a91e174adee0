package dev.gpuc.isolation;

import dev.gpuc.api.CompileJob;
import dev.gpuc.api.RelocationStrategy;
import dev.gpuc.passes.CompileResult;
import dev.gpuc.passes.ExtractionResult;
import java.util.List;

/**
 * A compilation after {@code start} (parse, link, extract, choose the strategy, validate), in
 * this process ({@link InProcessCompilation}) or in a worker ({@link IsolatedCompilation}): the
 * shape of {@code CodegenPipeline.Compilation}, so a driver computes its cache key, looks up its
 * cache, and only then finishes or abandons, the same way in both cases.
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

    /** The description of the optimisation pipeline {@link #finish} runs ({@code Pipeline.toString()}). */
    String optimizationPipeline();

    /** The canonical bytes the cache key is hashed from; only before {@link #finish}. */
    byte[] keyMaterial();

    /**
     * Runs the rest of the pipeline; once.
     *
     * @throws dev.gpuc.api.GpucException a typed error, {@code BackendCrash} when a worker died
     */
    CompileResult finish();

    /** Releases the compilation; abandons it when it was not finished. Idempotent. */
    @Override
    void close();
}
