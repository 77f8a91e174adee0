package dev.gpuc.bench.report;

import dev.gpuc.api.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One toolkit-overhead case compiled once each way outside the measurement: whether gpuc and
 * the bare baseline produced the same bytes (then they did the same LLVM work), and the median
 * time of each of gpuc's stages over a few warm compilations, which says where the overhead goes.
 *
 * @param stageMillis gpuc's stages in pipeline order ({@code parse}, {@code extract}, ...)
 */
public record Equivalence(String kernel, boolean identical, int gpucBytes, int bareBytes,
                          Map<String, Double> stageMillis) {
    public Equivalence {
        stageMillis = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(stageMillis));
    }

    public static String toJson(List<Equivalence> checks) {
        List<Object> out = new ArrayList<>();
        for (Equivalence e : checks) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kernel", e.kernel);
            m.put("identical", e.identical);
            m.put("gpucBytes", (long) e.gpucBytes);
            m.put("bareBytes", (long) e.bareBytes);
            m.put("gpucStageMillis", new LinkedHashMap<String, Object>(e.stageMillis));
            out.add(m);
        }
        return Json.write(Map.of("cases", out)) + "\n";
    }

    /** @throws IllegalArgumentException when the text is not what {@link #toJson} writes */
    public static List<Equivalence> parse(String json) {
        if (!(Json.parse(json) instanceof Map<?, ?> root) || !(root.get("cases") instanceof List<?> cases)) {
            throw new IllegalArgumentException("expected an object with a \"cases\" array");
        }
        List<Equivalence> out = new ArrayList<>();
        for (Object o : cases) {
            if (!(o instanceof Map<?, ?> m) || !(m.get("kernel") instanceof String kernel)
                    || !(m.get("identical") instanceof Boolean identical) || !(m.get("gpucBytes") instanceof Long g)
                    || !(m.get("bareBytes") instanceof Long b) || !(m.get("gpucStageMillis") instanceof Map<?, ?> stages)) {
                throw new IllegalArgumentException("a case has kernel, identical, gpucBytes, bareBytes and gpucStageMillis: " + o);
            }
            Map<String, Double> millis = new LinkedHashMap<>();
            stages.forEach((stage, v) -> {
                if (!(v instanceof Number n)) {
                    throw new IllegalArgumentException("stage " + stage + " needs a number of milliseconds, got " + v);
                }
                millis.put(String.valueOf(stage), n.doubleValue());
            });
            out.add(new Equivalence(kernel, identical, g.intValue(), b.intValue(), millis));
        }
        return out;
    }
}
