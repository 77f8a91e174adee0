package dev.gpuc.passes;

import dev.gpuc.ir.Module;
import dev.gpuc.ir.TargetMachine;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * One module transformation with a name. A pass says whether it changed the module, as LLVM's
 * passes say what they preserved; {@link Pipeline} runs passes in order and instruments them.
 */
public interface Pass {
    /** A short name for reports and pipeline descriptions, such as {@code globaldce}. */
    String name();

    /** Transforms {@code module}; true when it may have changed it. */
    boolean run(Module module);

    /**
     * Like {@link #run}, but exact about whether the module changed, for reports that show it.
     * Passes that can only answer "maybe" cheaply (LLVM pipelines) pay for the exact answer here
     * and only here, so uninstrumented compilations never do.
     */
    default boolean runTrackingChanges(Module module) {
        return run(module);
    }

    /** An LLVM new-pass-manager pipeline such as {@code default<O2>}, without a target machine. */
    static Pass llvm(String pipeline) {
        return new LlvmPipeline(pipeline, null);
    }

    /** An LLVM new-pass-manager pipeline run with {@code machine}'s target information. */
    static Pass llvm(String pipeline, TargetMachine machine) {
        return new LlvmPipeline(pipeline, machine);
    }

    /** A pass from a function; {@code body} returns whether it changed the module. */
    static Pass of(String name, Predicate<Module> body) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(body, "body");
        return new Pass() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean run(Module module) {
                return body.test(module);
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }
}
