package dev.gpuc.backend.spirv;

import static org.bytedeco.llvm.global.LLVM.LLVMStripModuleDebugInfo;

import dev.gpuc.ir.Function;
import dev.gpuc.ir.Instruction;
import dev.gpuc.ir.Module;
import dev.gpuc.ir.Opcode;

/**
 * The IR changes SPIR-V needs right before code generation, as GPUCompiler.jl's
 * {@code mcgen(::SPIRVCompilerTarget)} makes them: after optimisation, since the optimiser
 * creates {@code freeze} instructions of its own. Traps go too, through passes'
 * {@link dev.gpuc.passes.TrapLowering}: SPIR-V for OpenCL has no way to abort a kernel.
 */
final class SpirvLowering {
    private SpirvLowering() {}

    /**
     * Debug info: SPIR-V tools reject front-end languages they do not know (Julia's
     * {@code DW_LANG_Julia}), and OpenCL drivers have no use for it.
     */
    static boolean stripDebugInfo(Module module) {
        return LLVMStripModuleDebugInfo(module.unwrap()) != 0;
    }

    /**
     * Replaces every {@code freeze} with its operand: the SPIR-V translators do not know it
     * (SPIRV-LLVM-Translator#1140), and on a GPU the poison it guards against is as good as
     * any value.
     */
    static boolean removeFreezes(Module module) {
        boolean changed = false;
        for (Function f : module.functions()) {
            for (Instruction i : f.instructions()) {
                if (i.opcode() == Opcode.FREEZE) {
                    i.replaceAllUsesWith(i.operand(0));
                    i.erase();
                    changed = true;
                }
            }
        }
        return changed;
    }
}
