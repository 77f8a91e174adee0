package dev.gpuc.passes;

import dev.gpuc.ir.TargetMachine;

/**
 * The optimisation pipelines every backend starts from, one per level. Backends extend them
 * ({@code StandardPipelines.optimization(2, tm).thenLlvm("...", tm)}) rather than copying them,
 * so a change here reaches every target.
 */
public final class StandardPipelines {
    private StandardPipelines() {}

    /** LLVM's default pipeline text for {@code optLevel} 0 to 3. */
    public static String optimizationText(int optLevel) {
        if (optLevel < 0 || optLevel > 3) {
            throw new IllegalArgumentException("opt level must be 0..3, got " + optLevel);
        }
        return "default<O" + optLevel + ">";
    }

    /** The standard optimisation pipeline for {@code optLevel}, with the target's information. */
    public static Pipeline optimization(int optLevel, TargetMachine machine) {
        return Pipeline.of(Pass.llvm(optimizationText(optLevel), machine));
    }

    /** The standard pipeline followed by a backend's extra LLVM pipeline (blank for none). */
    public static Pipeline optimization(int optLevel, TargetMachine machine, String backendExtra) {
        return optimization(optLevel, machine).thenLlvm(backendExtra, machine);
    }

    /** Removes what nothing references any more: run after internalizing. */
    public static Pipeline cleanup() {
        return Pipeline.of(Pass.llvm("globaldce"));
    }
}
