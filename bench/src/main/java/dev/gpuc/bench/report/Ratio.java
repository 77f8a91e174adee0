package dev.gpuc.bench.report;

/**
 * A ratio of two measurements with its uncertainty: the relative errors of numerator and
 * denominator added in quadrature. NaN error when either side had no confidence interval.
 */
public record Ratio(double value, double error) {
    public static Ratio of(Measurement numerator, Measurement denominator) {
        return of(numerator.millis(), numerator.errorMillis(), denominator.millis(), denominator.errorMillis());
    }

    public static Ratio of(double a, double errorA, double b, double errorB) {
        double value = a / b;
        double relative = Math.hypot(errorA / a, errorB / b);
        return new Ratio(value, value * relative);
    }

    /** The ratio scaled by a constant (exact), error alike. */
    public Ratio times(double factor) {
        return new Ratio(value * factor, error * factor);
    }

    public Ratio inverse() {
        return new Ratio(1 / value, error / (value * value));
    }
}
