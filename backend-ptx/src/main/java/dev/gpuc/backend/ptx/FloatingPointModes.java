package dev.gpuc.backend.ptx;

import static org.bytedeco.llvm.global.LLVM.LLVMCanValueUseFastMathFlags;
import static org.bytedeco.llvm.global.LLVM.LLVMFastMathAll;
import static org.bytedeco.llvm.global.LLVM.LLVMSetFastMathFlags;

import dev.gpuc.ir.Function;
import dev.gpuc.ir.Instruction;
import dev.gpuc.ir.Module;
import java.util.List;

/**
 * Fast math and flush-to-zero, applied the way NVPTX reads them: function attributes select the
 * instructions ({@code div.approx.f32}, the {@code .ftz} variants), and fast-math flags on the
 * instructions let the optimiser reassociate and contract, as {@code -ffast-math} does in clang.
 */
final class FloatingPointModes {
    private FloatingPointModes() {}

    private static final List<String> FAST_MATH_ATTRIBUTES = List.of("unsafe-fp-math", "no-nans-fp-math",
            "no-infs-fp-math", "no-signed-zeros-fp-math", "approx-func-fp-math");

    static void apply(Module module, PtxTarget target) {
        if (!target.fastMath() && !target.ftz()) {
            return;
        }
        for (Function f : module.functions()) {
            if (f.isDeclaration()) {
                continue;
            }
            if (target.ftz()) {
                f.addStringAttribute("denormal-fp-math-f32", "preserve-sign,preserve-sign");
            }
            if (target.fastMath()) {
                FAST_MATH_ATTRIBUTES.forEach(a -> f.addStringAttribute(a, "true"));
                for (Instruction i : f.instructions()) {
                    if (LLVMCanValueUseFastMathFlags(i.unwrap()) != 0) {
                        LLVMSetFastMathFlags(i.unwrap(), LLVMFastMathAll);
                    }
                }
            }
        }
    }
}
