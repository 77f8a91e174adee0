package dev.gpuc.isolation;

import dev.gpuc.api.ArtifactCodec;
import dev.gpuc.passes.CompileResult;
import dev.gpuc.passes.StageTiming;
import java.util.List;
import java.util.Optional;

/** What a worker sends for a finished job: the artifact in {@link ArtifactCodec}'s format and the stage timings. */
final class FinishReply {
    private FinishReply() {}

    static byte[] encode(CompileResult result) {
        return Timings.encode(new WireWriter().bytes(ArtifactCodec.encode(result.artifact())), result.timings())
                .toByteArray();
    }

    /** The result as the worker produced it; per-pass timings are not collected in workers. */
    static CompileResult decode(byte[] body) {
        WireReader r = new WireReader(body);
        byte[] artifact = r.bytes();
        List<StageTiming> timings = Timings.decode(r);
        r.end();
        return new CompileResult(ArtifactCodec.decode(artifact, "the artifact a worker sent"), timings, Optional.empty());
    }
}
