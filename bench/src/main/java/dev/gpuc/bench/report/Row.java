package dev.gpuc.bench.report;

import java.util.Locale;

/** One line of the report's table: a measured ratio against its goal. */
public record Row(int goal, String benchmark, String measure, String measured, String goalText, Verdict verdict) {
    /** How a ratio is printed. */
    public enum Format {
        /** {@code 1.23 ± 0.04} */
        RATIO,
        /** {@code 0.52 % ± 0.03} of the denominator */
        PERCENT,
        /** {@code ×10.3 ± 0.4}: a speed-up or growth factor */
        FACTOR
    }

    public static Row of(int goal, String benchmark, String measure, Ratio ratio, Format format, Goal target) {
        return new Row(goal, benchmark, measure, format(ratio, format), target.text(), target.judge(ratio.value()));
    }

    public static Row notMeasured(int goal, String benchmark, String measure, Goal target, String why) {
        return new Row(goal, benchmark, measure, "not measured: " + why, target.text(), Verdict.NOT_MEASURED);
    }

    static String format(Ratio r, Format format) {
        double scale = format == Format.PERCENT ? 100 : 1;
        String value = number(r.value() * scale);
        String error = Double.isNaN(r.error()) ? "" : " ± " + number(r.error() * scale);
        return switch (format) {
            case RATIO -> value + error;
            case PERCENT -> value + " %" + error;
            case FACTOR -> "×" + value + error;
        };
    }

    /** Three significant digits, without exponent for the ranges a report shows. */
    static String number(double v) {
        if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) {
            return String.valueOf(v);
        }
        int digits = Math.max(0, 2 - (int) Math.floor(Math.log10(Math.abs(v))));
        return String.format(Locale.ROOT, "%." + Math.min(digits, 6) + "f", v);
    }
}
