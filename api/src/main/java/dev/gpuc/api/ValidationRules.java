package dev.gpuc.api;

import java.util.Set;

/**
 * What a target accepts, checked before code generation so that unsupported IR is a located
 * error instead of an LLVM crash.
 *
 * @param allowedExternals external functions the target provides (a trailing {@code *} is a
 *                         prefix match); LLVM intrinsics are always allowed
 * @param anyExternal      whether calls to unknown external functions are fine (host code)
 */
public record ValidationRules(Set<String> allowedExternals, boolean anyExternal, boolean fp16, boolean fp64,
                              boolean int128, boolean dynamicAlloca, boolean indirectCalls) {
    public ValidationRules {
        allowedExternals = Set.copyOf(allowedExternals);
    }

    /** Host code: anything LLVM can compile. */
    public static ValidationRules permissive() {
        return new ValidationRules(Set.of(), true, true, true, true, true, true);
    }

    /** A GPU with fp64 and fp16, no dynamic stack allocation, no unknown externals. */
    public static ValidationRules gpu(Set<String> allowedExternals) {
        return new ValidationRules(allowedExternals, false, true, true, false, false, true);
    }

    public ValidationRules withFp64(boolean value) {
        return new ValidationRules(allowedExternals, anyExternal, fp16, value, int128, dynamicAlloca, indirectCalls);
    }

    public ValidationRules withFp16(boolean value) {
        return new ValidationRules(allowedExternals, anyExternal, value, fp64, int128, dynamicAlloca, indirectCalls);
    }

    /** Whether {@code name} is allowed by these rules or by the {@code extra} names of a job. */
    public boolean allowsExternal(String name, Set<String> extra) {
        return anyExternal || name.startsWith("llvm.") || matches(allowedExternals, name) || matches(extra, name);
    }

    private static boolean matches(Set<String> patterns, String name) {
        for (String p : patterns) {
            if (p.endsWith("*") ? name.startsWith(p.substring(0, p.length() - 1)) : p.equals(name)) {
                return true;
            }
        }
        return false;
    }
}
