package dev.gpuc.bench.report;

import java.util.Map;

/**
 * One benchmark result: mean time per operation and the half-width of its {@link Confidence}
 * interval (NaN for a single iteration), both in milliseconds.
 *
 * @param benchmark the class's simple name and the method, such as {@code CacheBenchmark.cold}
 */
public record Measurement(String benchmark, Map<String, String> params, double millis, double errorMillis) {
    public Measurement {
        params = Map.copyOf(params);
    }
}
