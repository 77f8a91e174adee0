package dev.gpuc.bench.report;

/** What a measured value should be: at most or at least a bound, or nothing (shown for information). */
public record Goal(Kind kind, double bound, String text) {
    public enum Kind { AT_MOST, AT_LEAST, NONE }

    public static Goal atMost(double bound, String text) {
        return new Goal(Kind.AT_MOST, bound, text);
    }

    public static Goal atLeast(double bound, String text) {
        return new Goal(Kind.AT_LEAST, bound, text);
    }

    public static Goal none() {
        return new Goal(Kind.NONE, Double.NaN, "—");
    }

    public Verdict judge(double value) {
        return switch (kind) {
            case AT_MOST -> value <= bound ? Verdict.PASS : Verdict.MISS;
            case AT_LEAST -> value >= bound ? Verdict.PASS : Verdict.MISS;
            case NONE -> Verdict.INFO;
        };
    }
}
