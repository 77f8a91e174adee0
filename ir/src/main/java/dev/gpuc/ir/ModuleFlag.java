package dev.gpuc.ir;

/**
 * A module flag ({@code !llvm.module.flags}): merge behaviour, key, and the value as LLVM
 * prints it (for instance {@code i32 500}).
 */
public record ModuleFlag(Behavior behavior, String key, String value) {
    /** Merge behaviours, in the C API's order. */
    public enum Behavior { ERROR, WARNING, REQUIRE, OVERRIDE, APPEND, APPEND_UNIQUE }

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
