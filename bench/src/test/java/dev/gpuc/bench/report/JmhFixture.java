package dev.gpuc.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Builds JMH result files the way JMH writes them, for the report tests. */
final class JmhFixture {
    private final List<String> runs = new ArrayList<>();

    /** One run of one fork with these iteration scores; the score is their mean. */
    JmhFixture run(String benchmark, Map<String, String> params, double[] iterations, String unit) {
        double score = java.util.Arrays.stream(iterations).average().orElseThrow();
        String raw = java.util.Arrays.stream(iterations).mapToObj(Double::toString).collect(Collectors.joining(", "));
        String p = params.entrySet().stream().map(e -> "\"" + e.getKey() + "\" : \"" + e.getValue() + "\"")
                .collect(Collectors.joining(", "));
        runs.add("""
                {
                    "jmhVersion" : "1.37",
                    "benchmark" : "dev.gpuc.bench.%s",
                    "mode" : "avgt",
                    "threads" : 1,
                    "forks" : 1,
                    %s
                    "primaryMetric" : {
                        "score" : %s,
                        "scoreError" : "NaN",
                        "scoreConfidence" : [ "NaN", "NaN" ],
                        "scoreUnit" : "%s",
                        "rawData" : [ [ %s ] ]
                    },
                    "secondaryMetrics" : { }
                }""".formatted(benchmark, params.isEmpty() ? "" : "\"params\" : { " + p + " },", score,
                unit, raw));
        return this;
    }

    /** One run of a single iteration (no confidence interval), in milliseconds per operation. */
    JmhFixture run(String benchmark, Map<String, String> params, double millis) {
        return run(benchmark, params, new double[] {millis}, "ms/op");
    }

    JmhFixture run(String benchmark, Map<String, String> params, double score, String unit) {
        return run(benchmark, params, new double[] {score}, unit);
    }

    String json() {
        return "[\n" + String.join(",\n", runs) + "\n]\n";
    }

    JmhResults results() {
        return JmhResults.parse(json());
    }
}
