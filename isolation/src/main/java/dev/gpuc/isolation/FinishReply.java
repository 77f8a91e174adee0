package dev.gpuc.isolation;

import dev.gpuc.api.Artifact;
import dev.gpuc.passes.CompileResult;
import dev.gpuc.passes.StageTiming;
import java.util.List;
import java.util.Optional;

/** What a worker sends for a finished job: the artifact ({@link ArtifactWire}) and the stage timings. */
final class FinishReply {
    private FinishReply() {}

    static byte[] encode(CompileResult result) {
        return Timings.encode(ArtifactWire.encode(new WireWriter(), result.artifact()), result.timings()).toByteArray();
    }

    /** The result as the worker produced it; per-pass timings are not collected in workers. */
    static CompileResult decode(byte[] body) {
        WireReader r = new WireReader(body);
        Artifact artifact = ArtifactWire.decode(r);
        List<StageTiming> timings = Timings.decode(r);
        r.end();
        return new CompileResult(artifact, timings, Optional.empty());
    }
}
