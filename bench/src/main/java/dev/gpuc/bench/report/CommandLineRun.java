package dev.gpuc.bench.report;

import dev.gpuc.api.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One size of the command-line benchmark: wall time of one {@code gpuc compile} of
 * {@code files} files against a shell loop running {@code llc} once per file, means and
 * {@link Confidence} half-widths in milliseconds.
 */
public record CommandLineRun(int files, double gpucMillis, double gpucErrorMillis, double llcMillis,
                             double llcErrorMillis) {
    public Measurement gpuc() {
        return new Measurement("gpuc compile", Map.of("files", Integer.toString(files)), gpucMillis, gpucErrorMillis);
    }

    public Measurement llc() {
        return new Measurement("llc loop", Map.of("files", Integer.toString(files)), llcMillis, llcErrorMillis);
    }

    public static String toJson(List<CommandLineRun> runs) {
        List<Object> out = new ArrayList<>();
        for (CommandLineRun r : runs) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("files", (long) r.files);
            m.put("gpucMillis", r.gpucMillis);
            m.put("gpucErrorMillis", finite(r.gpucErrorMillis));
            m.put("llcMillis", r.llcMillis);
            m.put("llcErrorMillis", finite(r.llcErrorMillis));
            out.add(m);
        }
        return Json.write(Map.of("runs", out)) + "\n";
    }

    /** @throws IllegalArgumentException when the text is not what {@link #toJson} writes */
    public static List<CommandLineRun> parse(String json) {
        if (!(Json.parse(json) instanceof Map<?, ?> root) || !(root.get("runs") instanceof List<?> runs)) {
            throw new IllegalArgumentException("expected an object with a \"runs\" array");
        }
        List<CommandLineRun> out = new ArrayList<>();
        for (Object o : runs) {
            if (!(o instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException("a run is an object: " + o);
            }
            out.add(new CommandLineRun((int) number(m, "files"), number(m, "gpucMillis"), number(m, "gpucErrorMillis"),
                    number(m, "llcMillis"), number(m, "llcErrorMillis")));
        }
        return out;
    }

    /** JSON has no NaN: an unknown error is written as null. */
    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static double number(Map<?, ?> m, String key) {
        Object v = m.get(key);
        if (v == null && m.containsKey(key)) {
            return Double.NaN;
        }
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("\"" + key + "\" must be a number, got " + v);
        }
        return n.doubleValue();
    }
}
