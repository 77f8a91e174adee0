package dev.gpuc.cache.redis;

import java.time.Duration;

/** Durations as people write them in URLs and read them in logs: {@code 250ms}, {@code 7d}. */
final class Durations {
    private Durations() {}

    /**
     * Parses {@code 250ms}, {@code 2s}, {@code 30m}, {@code 12h} or {@code 7d}.
     *
     * @param option names the option in errors
     */
    static Duration parse(String option, String text) {
        int digits = 0;
        while (digits < text.length() && Character.isDigit(text.charAt(digits))) {
            digits++;
        }
        if (digits == 0 || digits == text.length() || digits > 12) {
            throw new IllegalArgumentException(option + " must be a number with a unit (ms, s, m, h, d), got '"
                    + text + "'");
        }
        long n = Long.parseLong(text.substring(0, digits));
        return switch (text.substring(digits)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> throw new IllegalArgumentException(option + " has an unknown unit in '" + text
                    + "' (use ms, s, m, h or d)");
        };
    }

    /** The largest unit that shows the duration exactly: {@code 1s}, {@code 1500ms}, {@code 7d}. */
    static String format(Duration d) {
        long ms = d.toMillis();
        long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
        String[] units = {"d", "h", "m", "s"};
        for (int i = 0; i < sizes.length; i++) {
            if (ms != 0 && ms % sizes[i] == 0) {
                return ms / sizes[i] + units[i];
            }
        }
        return ms + "ms";
    }
}
