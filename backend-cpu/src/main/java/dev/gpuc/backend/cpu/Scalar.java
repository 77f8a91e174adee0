package dev.gpuc.backend.cpu;

import java.util.Objects;

/**
 * A value that crosses between Java and compiled host code through one 8-byte slot: an integer
 * of 1 to 64 bits, a float, a double or a pointer, or {@code void} as a result.
 *
 * @param bits integer width; 0 for the other kinds
 */
public record Scalar(Kind kind, int bits) {
    public enum Kind { INT, FLOAT, DOUBLE, POINTER, VOID }

    public static final Scalar FLOAT = new Scalar(Kind.FLOAT, 0);
    public static final Scalar DOUBLE = new Scalar(Kind.DOUBLE, 0);
    public static final Scalar POINTER = new Scalar(Kind.POINTER, 0);
    public static final Scalar VOID = new Scalar(Kind.VOID, 0);

    public Scalar {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.INT ? bits < 1 || bits > 64 : bits != 0) {
            throw new IllegalArgumentException("bad width " + bits + " for " + kind);
        }
    }

    public static Scalar integer(int bits) {
        return new Scalar(Kind.INT, bits);
    }

    /** The spelling in a {@link Signature}: {@code i32}, {@code f32}, {@code f64}, {@code ptr}, {@code void}. */
    @Override
    public String toString() {
        return switch (kind) {
            case INT -> "i" + bits;
            case FLOAT -> "f32";
            case DOUBLE -> "f64";
            case POINTER -> "ptr";
            case VOID -> "void";
        };
    }

    static Scalar parse(String text) {
        return switch (text) {
            case "f32" -> FLOAT;
            case "f64" -> DOUBLE;
            case "ptr" -> POINTER;
            case "void" -> VOID;
            default -> {
                if (text.matches("i[1-9][0-9]?")) {
                    yield integer(Integer.parseInt(text.substring(1)));
                }
                throw new IllegalArgumentException("not a scalar: '" + text + "'");
            }
        };
    }
}
