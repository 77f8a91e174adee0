package dev.gpuc.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Builds JMH result files the way JMH writes them, for the report tests. */
final class JmhFixture {
    private final List<String> runs = new ArrayList<>();

    /** One run; {@code error} null writes JMH's "NaN". */
    JmhFixture run(String benchmark, Map<String, String> params, double score, Double error, String unit) {
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
                        "scoreError" : %s,
                        "scoreConfidence" : [ 0.0, 0.0 ],
                        "scoreUnit" : "%s",
                        "rawData" : [ [ 1.0, 2.0 ] ]
                    },
                    "secondaryMetrics" : { }
                }""".formatted(benchmark, params.isEmpty() ? "" : "\"params\" : { " + p + " },", score,
                error == null ? "\"NaN\"" : error.toString(), unit));
        return this;
    }

    JmhFixture run(String benchmark, Map<String, String> params, double millis) {
        return run(benchmark, params, millis, null, "ms/op");
    }

    String json() {
        return "[\n" + String.join(",\n", runs) + "\n]\n";
    }

    JmhResults results() {
        return JmhResults.parse(json());
    }
}
