package dev.gpuc.passes;

import dev.gpuc.ir.Module;
import dev.gpuc.ir.TargetMachine;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An ordered list of passes: data you can print, compare and put in a cache key. Immutable;
 * {@link #then} returns a longer pipeline, which is how backends extend the standard ones.
 * A pipeline is itself a pass, so pipelines nest; instrumentation sees the leaf passes.
 */
public record Pipeline(List<Pass> passes) implements Pass {
    public static final Pipeline EMPTY = new Pipeline(List.of());

    public Pipeline {
        passes = List.copyOf(passes);
    }

    public static Pipeline of(Pass... passes) {
        return new Pipeline(List.of(passes));
    }

    public Pipeline then(Pass pass) {
        List<Pass> out = new ArrayList<>(passes);
        out.add(pass);
        return new Pipeline(out);
    }

    /** Appends an LLVM pipeline string; blank strings add nothing (a backend with no extras). */
    public Pipeline thenLlvm(String pipeline, TargetMachine machine) {
        return pipeline == null || pipeline.isBlank() ? this : then(Pass.llvm(pipeline, machine));
    }

    public boolean isEmpty() {
        return passes.isEmpty();
    }

    @Override
    public String name() {
        return passes.stream().map(Pass::name).collect(Collectors.joining(","));
    }

    @Override
    public boolean run(Module module) {
        return run(module, PassInstrumentation.off());
    }

    /** Runs every pass in order; true when any changed the module. */
    public boolean run(Module module, PassInstrumentation instrumentation) {
        boolean changed = false;
        for (Pass p : passes) {
            changed |= p instanceof Pipeline nested ? nested.run(module, instrumentation) : instrumentation.run(p, module);
        }
        return changed;
    }

    /** The pipeline as one line, each pass by name: {@code default<O2>,globaldce}. */
    @Override
    public String toString() {
        return name();
    }
}
