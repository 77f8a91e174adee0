package dev.gpuc.isolation;

import dev.gpuc.passes.StageTiming;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Stage timings on the wire: i32 n, then (str stage, i64 nanoseconds) n times. */
final class Timings {
    private Timings() {}

    static WireWriter encode(WireWriter w, List<StageTiming> timings) {
        w.i32(timings.size());
        timings.forEach(t -> w.str(t.stage()).i64(t.duration().toNanos()));
        return w;
    }

    static List<StageTiming> decode(WireReader r) {
        int n = r.count();
        List<StageTiming> timings = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            timings.add(new StageTiming(r.str(), Duration.ofNanos(r.i64())));
        }
        return timings;
    }
}
