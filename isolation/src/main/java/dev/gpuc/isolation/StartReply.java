package dev.gpuc.isolation;

import dev.gpuc.api.RelocationStrategy;
import dev.gpuc.api.RelocationTable;
import dev.gpuc.passes.CodegenPipeline;
import dev.gpuc.passes.ExtractionResult;
import dev.gpuc.passes.RemainingAddress;
import dev.gpuc.passes.StageTiming;
import java.util.ArrayList;
import java.util.List;

/**
 * What a worker says about a started job: everything the host needs to compute the cache key
 * and decide whether to cache, so that nothing of the job runs in the host.
 *
 * @param pipeline     the optimisation pipeline's description ({@code Pipeline.toString()})
 * @param keyMaterial  the key material when the host asked for it with the job, else null
 *                     (writing the module's bitcode for it is the dearest part of a small
 *                     kernel's start; the host asks for it later if its caller wants it)
 * @param timings      the worker's stages of the start (parse to validate)
 * @param serviceNanos the worker's own time on START ({@link WorkerSession}'s service clock)
 */
record StartReply(String backendId, String backendVersion, RelocationStrategy strategy, ExtractionResult extraction,
                  List<String> entryPoints, String pipeline, byte[] keyMaterial, List<StageTiming> timings,
                  long serviceNanos) {
    StartReply {
        entryPoints = List.copyOf(entryPoints);
        timings = List.copyOf(timings);
    }

    static StartReply of(CodegenPipeline.Compilation c, boolean withKeyMaterial, ServiceClock clock) {
        byte[] keyMaterial = withKeyMaterial ? c.keyMaterial() : null;
        return new StartReply(c.backendId(), c.backendVersion(), c.strategy(), c.extraction(), c.entryPoints(),
                c.pipelineDescription(), keyMaterial, c.stageTimings(), clock.serviceNanos());
    }

    byte[] encode() {
        WireWriter w = new WireWriter().str(backendId).str(backendVersion).str(strategy.name());
        ArtifactWire.slots(w, extraction.table().slots());
        w.i32(extraction.remaining().size());
        extraction.remaining().forEach(a -> w.i64(a.address()).str(a.key()).str(a.function()).str(a.location())
                .str(a.reason()));
        w.bool(extraction.changed()).strings(entryPoints).str(pipeline).bool(keyMaterial != null);
        if (keyMaterial != null) {
            w.bytes(keyMaterial);
        }
        return Timings.encode(w, timings).i64(serviceNanos).toByteArray();
    }

    static StartReply decode(byte[] body) {
        WireReader r = new WireReader(body);
        String backendId = r.str();
        String backendVersion = r.str();
        RelocationStrategy strategy = ArtifactWire.strategy(r.str());
        RelocationTable table = new RelocationTable(ArtifactWire.slots(r));
        int n = r.count();
        List<RemainingAddress> remaining = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            remaining.add(new RemainingAddress(r.i64(), r.str(), r.str(), r.str(), r.str()));
        }
        ExtractionResult extraction = new ExtractionResult(table, remaining, r.bool());
        StartReply reply = new StartReply(backendId, backendVersion, strategy, extraction, r.strings(), r.str(),
                r.bool() ? r.bytes() : null, Timings.decode(r), r.i64());
        r.end();
        return reply;
    }
}
