package dev.gpuc.isolation;

import dev.gpuc.api.ArtifactCodec;
import dev.gpuc.passes.CompileResult;
import dev.gpuc.passes.StageTiming;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What a worker sends for a finished job: the artifact in {@link ArtifactCodec}'s format and the stage timings. */
final class FinishReply {
    private FinishReply() {}

    static byte[] encode(CompileResult result) {
        WireWriter w = new WireWriter().bytes(ArtifactCodec.encode(result.artifact())).i32(result.timings().size());
        result.timings().forEach(t -> w.str(t.stage()).i64(t.duration().toNanos()));
        return w.toByteArray();
    }

    /** The result as the worker produced it; per-pass timings are not collected in workers. */
    static CompileResult decode(byte[] body) {
        WireReader r = new WireReader(body);
        byte[] artifact = r.bytes();
        int n = r.count();
        List<StageTiming> timings = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            timings.add(new StageTiming(r.str(), Duration.ofNanos(r.i64())));
        }
        r.end();
        return new CompileResult(ArtifactCodec.decode(artifact, "the artifact a worker sent"), timings, Optional.empty());
    }
}
