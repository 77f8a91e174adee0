package dev.gpuc.backend.spirv;

import static org.bytedeco.llvm.global.LLVM.LLVMStripModuleDebugInfo;

import dev.gpuc.ir.Function;
import dev.gpuc.ir.Instruction;
import dev.gpuc.ir.Module;
import dev.gpuc.ir.Opcode;
import dev.gpuc.ir.Value;
import java.util.List;

/**
 * The IR changes SPIR-V needs right before code generation, as GPUCompiler.jl's
 * {@code mcgen(::SPIRVCompilerTarget)} makes them: after optimisation, since the optimiser
 * creates {@code freeze} instructions of its own.
 */
final class SpirvLowering {
    private SpirvLowering() {}

    /** Traps and their friends: SPIR-V for OpenCL has no way to abort a kernel. */
    static final List<String> TRAPS = List.of("llvm.trap", "llvm.debugtrap", "llvm.ubsantrap");

    /**
     * Debug info: SPIR-V tools reject front-end languages they do not know (Julia's
     * {@code DW_LANG_Julia}), and OpenCL drivers have no use for it.
     */
    static boolean stripDebugInfo(Module module) {
        return LLVMStripModuleDebugInfo(module.unwrap()) != 0;
    }

    /**
     * Removes calls to trap intrinsics, leaving the {@code unreachable} after them (valid SPIR-V:
     * {@code OpUnreachable}); then the declarations.
     */
    static boolean removeTraps(Module module) {
        boolean changed = false;
        for (String name : TRAPS) {
            Function trap = module.function(name).orElse(null);
            if (trap == null) {
                continue;
            }
            for (Value user : trap.users()) {
                Instruction call = user.asInstruction()
                        .orElseThrow(() -> new IllegalStateException(name + " used outside a call: " + user));
                call.erase();
                changed = true;
            }
            trap.delete();
        }
        return changed;
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
