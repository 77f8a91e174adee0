package dev.gpuc.passes;

import dev.gpuc.ir.Module;
import dev.gpuc.ir.TargetMachine;
import java.util.Arrays;
import java.util.Objects;

/**
 * An LLVM new-pass-manager pipeline given as text ({@code default<O3>}, {@code globaldce},
 * {@code function(instcombine)}), run through {@code LLVMRunPasses}.
 *
 * @param machine target information for target-aware passes; null for target-independent ones
 */
public record LlvmPipeline(String pipeline, TargetMachine machine) implements Pass {
    public LlvmPipeline {
        Objects.requireNonNull(pipeline, "pipeline");
        if (pipeline.isBlank()) {
            throw new IllegalArgumentException("empty LLVM pipeline");
        }
    }

    @Override
    public String name() {
        return pipeline;
    }

    /** LLVM does not say whether a pipeline changed anything; without tracking, assume it did. */
    @Override
    public boolean run(Module module) {
        module.runPasses(pipeline, machine, false);
        return true;
    }

    /**
     * Compares the module's bitcode before and after: linear in module size like the pipeline
     * itself, but a cost only a timing report should pay.
     */
    @Override
    public boolean runTrackingChanges(Module module) {
        byte[] before = module.bitcode();
        module.runPasses(pipeline, machine, false);
        return !Arrays.equals(before, module.bitcode());
    }

    @Override
    public String toString() {
        return pipeline;
    }
}
