package dev.gpuc.ir;

/**
 * A module flag ({@code !llvm.module.flags}): merge behaviour, key, and the value as LLVM
 * prints it (for instance {@code i32 500}).
 */
public record ModuleFlag(Behavior behavior, String key, String value) {
    /** Merge behaviours; {@link #code()} is the number {@code !llvm.module.flags} uses. */
    public enum Behavior {
        ERROR, WARNING, REQUIRE, OVERRIDE, APPEND, APPEND_UNIQUE, MAX, MIN;

        /** The behaviour's number in IR: 1 for {@code ERROR} up to 8 for {@code MIN}. */
        public int code() {
            return ordinal() + 1;
        }

        public static java.util.Optional<Behavior> ofCode(long code) {
            return code >= 1 && code <= values().length ? java.util.Optional.of(values()[(int) code - 1])
                    : java.util.Optional.empty();
        }
    }

    /** The integer of an {@code iN K} value, if the value is one. */
    public java.util.OptionalLong intValue() {
        String[] parts = value.strip().split("\\s+");
        if (parts.length == 2 && parts[0].startsWith("i")) {
            try {
                return java.util.OptionalLong.of(Long.parseLong(parts[1]));
            } catch (NumberFormatException e) {
                return java.util.OptionalLong.empty();
            }
        }
        return java.util.OptionalLong.empty();
    }
}
