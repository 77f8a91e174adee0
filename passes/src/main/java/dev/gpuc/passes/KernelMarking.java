package dev.gpuc.passes;

import dev.gpuc.ir.Function;
import dev.gpuc.ir.GlobalValue;
import dev.gpuc.ir.Instruction;
import dev.gpuc.ir.Linkage;
import dev.gpuc.ir.Module;
import dev.gpuc.ir.Value;
import dev.gpuc.ir.Visibility;
import java.util.Collection;
import java.util.HashSet;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Makes entry points the module's only interface, as GPUCompiler.jl does before optimising: entry
 * points get the backend's kernel calling convention (when compiling kernels), every other
 * definition becomes internal, and what nothing reaches any more is dropped (GlobalDCE).
 */
public final class KernelMarking {
    private KernelMarking() {}

    /**
     * @param kernelCallingConvention applied to entry points and to direct calls of them; empty
     *                                to leave calling conventions alone
     * @param keepVisible             further symbols that must stay visible (runtime-global slots)
     */
    public static void apply(Module module, Collection<String> entryPoints, OptionalInt kernelCallingConvention,
                             Collection<String> keepVisible) {
        Set<String> entries = new HashSet<>(entryPoints);
        Set<String> keep = new HashSet<>(keepVisible);
        keep.addAll(entries);
        if (kernelCallingConvention.isPresent()) {
            int cc = kernelCallingConvention.getAsInt();
            for (String name : entries) {
                module.function(name).ifPresent(f -> markKernel(f, cc));
            }
        }
        boolean mayHaveDeadCode = false;
        for (GlobalValue g : module.globalValues()) {
            if (g.isDeclaration()) {
                mayHaveDeadCode |= !g.hasUses();
                continue;
            }
            Linkage linkage = g.linkage();
            if (!linkage.isLocal() && !keep.contains(g.name()) && !g.name().startsWith("llvm.")) {
                g.setLinkage(Linkage.INTERNAL);
                g.setVisibility(Visibility.DEFAULT);
                linkage = Linkage.INTERNAL;
            }
            mayHaveDeadCode |= isDiscardableIfUnused(linkage);
        }
        // GlobalDCE can only drop discardable definitions and unused declarations; without any,
        // setting up its pass pipeline would cost more than the rest of marking.
        if (mayHaveDeadCode) {
            StandardPipelines.cleanup().run(module);
        }
    }

    /** LLVM's GlobalValue::isDiscardableIfUnused: what GlobalDCE may delete when nothing uses it. */
    private static boolean isDiscardableIfUnused(Linkage linkage) {
        return switch (linkage) {
            case INTERNAL, PRIVATE, LINK_ONCE_ANY, LINK_ONCE_ODR, AVAILABLE_EXTERNALLY -> true;
            default -> false;
        };
    }

    private static void markKernel(Function f, int cc) {
        f.setCallingConvention(cc);
        for (Value user : f.users()) {
            if (user instanceof Instruction call && call.isCall() && call.calledValue().equals(f)) {
                call.setCallingConvention(cc);
            }
        }
    }
}
