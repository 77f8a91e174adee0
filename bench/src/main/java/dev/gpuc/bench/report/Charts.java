package dev.gpuc.bench.report;

import static dev.gpuc.bench.report.ScalingResults.EXTRACT;
import static dev.gpuc.bench.report.ScalingResults.FULL_COMPILE;

import dev.gpuc.bench.report.SvgChart.Bar;
import dev.gpuc.bench.report.SvgChart.Point;
import dev.gpuc.bench.report.SvgChart.Series;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The report's charts, drawn from the measurements; empty when their benchmarks did not run. */
public final class Charts {
    private Charts() {}

    private static final Map<String, String> CACHE_BARS = cacheBars();

    private static Map<String, String> cacheBars() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("cold", "cold compile");
        m.put("diskHitAndLoad", "disk hit + ORC load");
        m.put("diskHit", "disk hit + bind");
        m.put("memoryHit", "memory hit + bind");
        m.put("memoryHitByKey", "memory hit by key + bind");
        return m;
    }

    /** Time to a bound artifact, cold and from each cache tier, in microseconds. */
    public static Optional<String> cache(JmhResults jmh) {
        List<Bar> bars = new ArrayList<>();
        CACHE_BARS.forEach((method, label) -> jmh.find("CacheBenchmark." + method)
                .ifPresent(m -> bars.add(new Bar(label, m.millis() * 1000))));
        return bars.isEmpty() ? Optional.empty()
                : Optional.of(SvgChart.bars("Cache: time to a bound artifact (log scale)", "µs", bars));
    }

    /** Time per instruction against module size, extraction and full compilation. */
    public static Optional<String> scaling(ScalingResults scaling) {
        List<Series> series = new ArrayList<>();
        series(scaling, EXTRACT, "runtime-global extraction").ifPresent(series::add);
        series(scaling, FULL_COMPILE, "full compile (CPU, O2)").ifPresent(series::add);
        return series.isEmpty() ? Optional.empty()
                : Optional.of(SvgChart.lines("Scaling: time per instruction (log-log)", "instructions in the module",
                        "µs per instruction", series));
    }

    private static Optional<Series> series(ScalingResults scaling, String benchmark, String name) {
        List<Point> points = new ArrayList<>();
        for (int size : scaling.sizes(benchmark)) {
            scaling.perInstruction(benchmark, size).ifPresent(m -> points.add(new Point(size, m.millis() * 1000)));
        }
        return points.isEmpty() ? Optional.empty() : Optional.of(new Series(name, points));
    }
}
