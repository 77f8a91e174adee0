package dev.gpuc.compiler;

import dev.gpuc.api.Artifact;
import dev.gpuc.api.RelocationStrategy;
import dev.gpuc.passes.StageTiming;
import java.time.Duration;
import java.util.List;

/**
 * A finished compilation: the artifact and how it was obtained.
 *
 * @param key         the cache key (computed even when the cache was bypassed)
 * @param cache       hit, miss or bypass
 * @param cacheReason why, in words (which tier hit, why the cache was bypassed)
 * @param codegen     whether this call ran optimisation and code generation; false on a hit,
 *                    including a hit on an identical compilation that ran concurrently
 * @param timings     wall time of each stage this call ran: the pipeline's, then the cache's
 * @param warnings    problems that did not stop the compilation (a damaged cache entry, a full disk)
 */
public record CompileOutcome(String input, Artifact artifact, CacheKey key, CacheStatus cache, String cacheReason,
                             boolean codegen, List<StageTiming> timings, List<String> warnings) {
    public CompileOutcome {
        timings = List.copyOf(timings);
        warnings = List.copyOf(warnings);
    }

    public RelocationStrategy strategy() {
        return artifact.strategy();
    }

    public Duration total() {
        return timings.stream().map(StageTiming::duration).reduce(Duration.ZERO, Duration::plus);
    }
}
