package dev.gpuc.bench.report;

import java.util.Arrays;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * The 95 % confidence interval of a mean from a few samples (Student's t). JMH prints 99.9 %
 * intervals; with the four or five iterations a 15-minute suite affords, those are so wide
 * (t ≈ 8.6 for four samples) that they hide what the samples do say.
 */
public final class Confidence {
    private Confidence() {}

    public static final double LEVEL = 0.95;

    /** Half-width of the interval around the mean of {@code samples}; NaN for fewer than two. */
    public static double halfWidth(double[] samples) {
        int n = samples.length;
        if (n < 2) {
            return Double.NaN;
        }
        double mean = Arrays.stream(samples).average().orElseThrow();
        double variance = Arrays.stream(samples).map(x -> (x - mean) * (x - mean)).sum() / (n - 1);
        double t = new TDistribution(n - 1).inverseCumulativeProbability(1 - (1 - LEVEL) / 2);
        return t * Math.sqrt(variance / n);
    }
}
