package dev.gpuc.cli;

import dev.gpuc.compiler.CompileOutcome;
import dev.gpuc.passes.StageTiming;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** How outcomes are shown: as JSON, and as a time report. */
final class Reports {
    private Reports() {}

    static Map<String, Object> json(CompileOutcome o, List<Path> written) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("input", o.input());
        m.put("ok", true);
        m.put("target", o.artifact().provenance().target());
        m.put("strategy", o.strategy().name());
        m.put("portable", o.artifact().portable());
        m.put("cache", o.cache().label());
        m.put("cacheReason", o.cacheReason());
        m.put("codegen", o.codegen());
        m.put("key", o.key().hex());
        m.put("relocations", (long) o.artifact().relocations().slots().size());
        m.put("outputs", written.stream().map(Path::toString).toList());
        List<Object> stages = new ArrayList<>();
        for (StageTiming s : o.timings()) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("stage", s.stage());
            t.put("ms", millis(s.duration().toNanos()));
            stages.add(t);
        }
        m.put("timings", stages);
        m.put("totalMs", millis(o.total().toNanos()));
        m.put("warnings", o.warnings());
        return m;
    }

    static Map<String, Object> errorJson(String input, RuntimeException e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("input", input);
        m.put("ok", false);
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("kind", Failures.kind(e));
        error.put("message", Failures.firstLine(e.getMessage()));
        m.put("error", error);
        return m;
    }

    static String timeReport(CompileOutcome o) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "time report for %s (cache %s, strategy %s):%n", o.input(), o.cache().label(),
                o.strategy()));
        for (StageTiming s : o.timings()) {
            sb.append(String.format(Locale.ROOT, "  %10.3f ms  %s%n", millis(s.duration().toNanos()), s.stage()));
        }
        sb.append(String.format(Locale.ROOT, "  %10.3f ms  total%n", millis(o.total().toNanos())));
        return sb.toString();
    }

    static double millis(long nanos) {
        return Math.round(nanos / 1e3) / 1e3;
    }
}
