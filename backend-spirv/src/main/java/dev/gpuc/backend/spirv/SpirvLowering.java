package dev.gpuc.backend.spirv;

import static org.bytedeco.llvm.global.LLVM.*;

import dev.gpuc.ir.Module;
import org.bytedeco.llvm.LLVM.LLVMBasicBlockRef;
import org.bytedeco.llvm.LLVM.LLVMValueRef;

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
        // Raw references: a wrapper object per instruction would cost more than the check.
        for (LLVMValueRef f = LLVMGetFirstFunction(module.unwrap()); f != null && !f.isNull(); f = LLVMGetNextFunction(f)) {
            for (LLVMBasicBlockRef b = LLVMGetFirstBasicBlock(f); b != null && !b.isNull(); b = LLVMGetNextBasicBlock(b)) {
                LLVMValueRef next;
                for (LLVMValueRef i = LLVMGetFirstInstruction(b); i != null && !i.isNull(); i = next) {
                    next = LLVMGetNextInstruction(i);
                    if (LLVMGetInstructionOpcode(i) == LLVMFreeze) {
                        LLVMReplaceAllUsesWith(i, LLVMGetOperand(i, 0));
                        LLVMInstructionEraseFromParent(i);
                        changed = true;
                    }
                }
            }
        }
        return changed;
    }
}
