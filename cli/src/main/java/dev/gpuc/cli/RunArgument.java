package dev.gpuc.cli;

import java.util.Locale;

/** One {@code --arg TYPE:VALUE} of {@code gpuc run}: {@code i8..i64:N}, {@code f32/f64:X}, {@code ptr:0xADDR}. */
final class RunArgument {
    private RunArgument() {}

    /** The Java value the CPU loader passes for it. */
    static Object parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw usage(text);
        }
        String type = text.substring(0, colon).toLowerCase(Locale.ROOT);
        String value = text.substring(colon + 1).strip();
        try {
            return switch (type) {
                case "i64" -> integer(value);
                case "i32", "i16", "i8", "i1" -> Math.toIntExact(integer(value));
                case "f64" -> Double.parseDouble(value);
                case "f32" -> Float.parseFloat(value);
                case "ptr" -> integer(value);
                default -> throw usage(text);
            };
        } catch (NumberFormatException | ArithmeticException e) {
            throw new Failures.Usage("--arg " + text + ": '" + value + "' is not a valid " + type);
        }
    }

    private static long integer(String v) {
        String s = v.toLowerCase(Locale.ROOT);
        boolean negative = s.startsWith("-");
        String digits = negative ? s.substring(1) : s;
        long magnitude = digits.startsWith("0x") ? Long.parseUnsignedLong(digits.substring(2), 16) : Long.parseUnsignedLong(digits);
        return negative ? -magnitude : magnitude;
    }

    private static Failures.Usage usage(String text) {
        return new Failures.Usage("--arg takes i64:N, i32:N, f64:X, f32:X or ptr:0xADDR, not '" + text + "'");
    }

    /** The printed form of a call's result: integers in decimal, pointers in hex. */
    static String format(Object result, boolean pointer) {
        if (result == null) {
            return "void";
        }
        if (result instanceof Boolean b) {
            return b ? "1" : "0";
        }
        if (pointer && result instanceof Long l) {
            return "0x" + Long.toHexString(l);
        }
        return String.valueOf(result);
    }
}
