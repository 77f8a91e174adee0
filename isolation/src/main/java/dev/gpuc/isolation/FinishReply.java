package dev.gpuc.isolation;

import dev.gpuc.api.Artifact;
import dev.gpuc.passes.CompileResult;
import dev.gpuc.passes.StageTiming;
import java.util.List;
import java.util.Optional;

/**
 * What a worker sends for a finished job: the artifact ({@link ArtifactWire}), the stage
 * timings, and the worker's own time on FINISH ({@link ServiceClock}).
 *
 * @param result the result as the worker produced it; per-pass timings are not collected in workers
 */
record FinishReply(CompileResult result, long serviceNanos) {
    static byte[] encode(CompileResult result, ServiceClock clock) {
        WireWriter w = Timings.encode(ArtifactWire.encode(new WireWriter(), result.artifact()), result.timings());
        return w.i64(clock.serviceNanos()).toByteArray();
    }

    static FinishReply decode(byte[] body) {
        WireReader r = new WireReader(body);
        Artifact artifact = ArtifactWire.decode(r);
        List<StageTiming> timings = Timings.decode(r);
        long serviceNanos = r.i64();
        r.end();
        return new FinishReply(new CompileResult(artifact, timings, Optional.empty()), serviceNanos);
    }
}
