package dev.gpuc.bench.report;

import dev.gpuc.api.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The measurements in JMH's JSON result file ({@code -rf json}), times normalised to
 * milliseconds per operation, with {@link Confidence} intervals computed from the iterations.
 */
public final class JmhResults {
    private final List<Measurement> measurements;

    private JmhResults(List<Measurement> measurements) {
        this.measurements = List.copyOf(measurements);
    }

    public static JmhResults empty() {
        return new JmhResults(List.of());
    }

    /** @throws IllegalArgumentException when the text is not a JMH result file */
    public static JmhResults parse(String json) {
        if (!(Json.parse(json) instanceof List<?> runs)) {
            throw new IllegalArgumentException("a JMH result file is a JSON array");
        }
        List<Measurement> out = new ArrayList<>();
        for (Object o : runs) {
            if (!(o instanceof Map<?, ?> run) || !(run.get("benchmark") instanceof String name)
                    || !(run.get("primaryMetric") instanceof Map<?, ?> metric)) {
                throw new IllegalArgumentException("a JMH run needs \"benchmark\" and \"primaryMetric\": " + o);
            }
            Map<String, String> params = new LinkedHashMap<>();
            if (run.get("params") instanceof Map<?, ?> p) {
                p.forEach((k, v) -> params.put(String.valueOf(k), String.valueOf(v)));
            }
            double perUnit = millisPer(String.valueOf(metric.get("scoreUnit")));
            out.add(new Measurement(simpleName(name), params, number(metric.get("score")) * perUnit,
                    Confidence.halfWidth(samples(metric.get("rawData"))) * perUnit));
        }
        return new JmhResults(out);
    }

    public List<Measurement> all() {
        return measurements;
    }

    /** The result of {@code benchmark} (simple class name and method) whose params include {@code params}. */
    public Optional<Measurement> find(String benchmark, Map<String, String> params) {
        return measurements.stream()
                .filter(m -> m.benchmark().equals(benchmark) && m.params().entrySet().containsAll(params.entrySet()))
                .findFirst();
    }

    public Optional<Measurement> find(String benchmark) {
        return find(benchmark, Map.of());
    }

    /** Every distinct value parameter {@code param} of {@code benchmark} took, in the order they ran. */
    public List<String> values(String benchmark, String param) {
        return measurements.stream().filter(m -> m.benchmark().equals(benchmark) && m.params().containsKey(param))
                .map(m -> m.params().get(param)).distinct().toList();
    }

    private static String simpleName(String qualified) {
        String[] parts = qualified.split("\\.");
        return parts.length < 2 ? qualified : parts[parts.length - 2] + "." + parts[parts.length - 1];
    }

    /** Every iteration's score, all forks together. */
    private static double[] samples(Object rawData) {
        if (!(rawData instanceof List<?> forks)) {
            throw new IllegalArgumentException("a JMH run needs \"rawData\", the iterations' scores");
        }
        List<Double> out = new ArrayList<>();
        for (Object fork : forks) {
            if (!(fork instanceof List<?> iterations)) {
                throw new IllegalArgumentException("rawData holds one array per fork: " + fork);
            }
            iterations.forEach(i -> out.add(number(i)));
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** JMH writes NaN as the string "NaN". */
    private static double number(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if ("NaN".equals(value)) {
            return Double.NaN;
        }
        throw new IllegalArgumentException("not a JMH score: " + value);
    }

    private static double millisPer(String unit) {
        return switch (unit) {
            case "s/op" -> 1e3;
            case "ms/op" -> 1;
            case "us/op" -> 1e-3;
            case "ns/op" -> 1e-6;
            default -> throw new IllegalArgumentException("unsupported JMH unit " + unit + " (benchmarks here measure time per operation)");
        };
    }
}
