package dev.gpuc.passes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Pass timings of a pipeline run, printable in the style of clang's {@code -ftime-report}. */
public record TimingReport(List<PassTiming> timings) {
    private static final String RULE = "===-------------------------------------------------------------------------===";

    public TimingReport {
        timings = List.copyOf(timings);
    }

    public Duration total() {
        return timings.stream().map(PassTiming::wallTime).reduce(Duration.ZERO, Duration::plus);
    }

    /** The report as text: slowest pass first, as LLVM's timer groups print. */
    public String format() {
        double total = seconds(total());
        StringBuilder sb = new StringBuilder();
        sb.append(RULE).append('\n')
          .append(center("Pass execution timing report")).append('\n')
          .append(RULE).append('\n')
          .append(String.format(Locale.ROOT, "  Total Execution Time: %.4f seconds (%.4f wall clock)%n%n", total, total))
          .append("   ---Wall Time---  --Changed--  --- Name ---\n");
        List<PassTiming> sorted = new ArrayList<>(timings);
        sorted.sort(Comparator.comparing(PassTiming::wallTime).reversed());
        for (PassTiming t : sorted) {
            sb.append(line(seconds(t.wallTime()), total, t.changed() ? "yes" : "no", t.pass()));
        }
        sb.append(line(total, total, "", "Total"));
        return sb.toString();
    }

    private static String line(double seconds, double total, String changed, String name) {
        double percent = total == 0 ? 0 : 100 * seconds / total;
        return String.format(Locale.ROOT, "   %.4f (%5.1f%%)  %-11s  %s%n", seconds, percent, center(changed, 11), name);
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    private static String center(String text) {
        return center(text, RULE.length());
    }

    private static String center(String text, int width) {
        int pad = Math.max(0, (width - text.length()) / 2);
        return " ".repeat(pad) + text;
    }

    @Override
    public String toString() {
        return format();
    }
}
