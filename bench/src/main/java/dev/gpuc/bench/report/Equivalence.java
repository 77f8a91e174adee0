package dev.gpuc.bench.report;

import dev.gpuc.api.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether the two sides of one toolkit-overhead case produced the same bytes: the check that
 * both did the same work, made once outside the measurement.
 */
public record Equivalence(String kernel, boolean identical, int gpucBytes, int bareBytes) {
    public static String toJson(List<Equivalence> checks) {
        List<Object> out = new ArrayList<>();
        for (Equivalence e : checks) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kernel", e.kernel);
            m.put("identical", e.identical);
            m.put("gpucBytes", (long) e.gpucBytes);
            m.put("bareBytes", (long) e.bareBytes);
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
                    || !(m.get("bareBytes") instanceof Long b)) {
                throw new IllegalArgumentException("a case has kernel, identical, gpucBytes and bareBytes: " + o);
            }
            out.add(new Equivalence(kernel, identical, g.intValue(), b.intValue()));
        }
        return out;
    }
}
