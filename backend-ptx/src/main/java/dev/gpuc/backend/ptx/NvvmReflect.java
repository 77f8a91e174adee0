package dev.gpuc.backend.ptx;

import static org.bytedeco.llvm.global.LLVM.LLVMGetAsString;
import static org.bytedeco.llvm.global.LLVM.LLVMIsConstantString;

import dev.gpuc.api.InvalidIrForTarget;
import dev.gpuc.ir.Function;
import dev.gpuc.ir.GlobalVariable;
import dev.gpuc.ir.Instruction;
import dev.gpuc.ir.Module;
import dev.gpuc.ir.Opcode;
import dev.gpuc.ir.Value;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.SizeTPointer;

/**
 * Resolves {@code __nvvm_reflect("__CUDA_ARCH")} and friends to constants of the target, before
 * optimisation, so that libdevice-style code keeps only the branch for this GPU.
 *
 * <p>LLVM has an {@code nvvm-reflect} pass, but the one a pipeline string names reflects
 * {@code __CUDA_ARCH} as 0, and on an argument it cannot read it ends the process; this pass
 * takes its values from the {@link PtxTarget} and reports such calls as invalid IR.
 */
final class NvvmReflect {
    private NvvmReflect() {}

    static final String FUNCTION = "__nvvm_reflect";
    private static final List<String> FUNCTIONS = List.of(FUNCTION, "llvm.nvvm.reflect");

    /** The value {@code __nvvm_reflect(name)} has on {@code target}; 0 for names nothing defines, as in LLVM. */
    static int valueOf(String name, PtxTarget target) {
        return switch (name) {
            case "__CUDA_ARCH" -> target.capability().cudaArch();
            case "__CUDA_FTZ" -> target.ftz() ? 1 : 0;
            case "__CUDA_PREC_SQRT" -> target.fastMath() ? 0 : 1;
            default -> 0;
        };
    }

    /** Replaces every reflect call; returns how many it replaced. */
    static int run(Module module, PtxTarget target) {
        int replaced = 0;
        List<InvalidIrForTarget.Problem> problems = new ArrayList<>();
        for (String fname : FUNCTIONS) {
            Optional<Function> reflect = module.function(fname);
            if (reflect.isEmpty()) {
                continue;
            }
            for (Value user : reflect.get().users()) {
                Optional<Instruction> call = user.asInstruction().filter(Instruction::isCall);
                if (call.isEmpty() || !reflect.get().equals(call.get().calledValue())) {
                    problems.add(new InvalidIrForTarget.Problem("nvvm-reflect", functionOf(user), user.toString(),
                            "@" + fname + " may only be called, not used as a value"));
                    continue;
                }
                Instruction c = call.get();
                Optional<String> name = c.argumentCount() == 1 ? constantString(c.operand(0)) : Optional.empty();
                if (name.isEmpty()) {
                    problems.add(new InvalidIrForTarget.Problem("nvvm-reflect", c.function().name(), c.toString(),
                            "the argument of @" + fname + " must be a constant string"));
                    continue;
                }
                c.replaceAllUsesWith(module.constInt(c.type(), valueOf(name.get(), target)));
                c.erase();
                replaced++;
            }
            if (!reflect.get().hasUses()) {
                reflect.get().delete();
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidIrForTarget(target.describe(), problems);
        }
        return replaced;
    }

    /** The NUL-terminated string a pointer constant points at, looking through casts and GEPs to offset 0. */
    private static Optional<String> constantString(Value pointer) {
        Value v = pointer;
        while (v.kind() == Value.Kind.CONSTANT_EXPR) {
            Opcode op = v.constantOpcode();
            boolean zeroOffset = op == Opcode.GET_ELEMENT_PTR && v.operands().stream().skip(1)
                    .allMatch(i -> i.kind() == Value.Kind.CONSTANT_INT && i.constantIntValue() == 0);
            if (!op.isCast() && !zeroOffset) {
                return Optional.empty();
            }
            v = v.operand(0);
        }
        Optional<Value> init = v.asGlobalVariable().flatMap(GlobalVariable::initializer);
        if (init.isEmpty() || LLVMIsConstantString(init.get().unwrap()) == 0) {
            return Optional.empty();
        }
        try (SizeTPointer len = new SizeTPointer(1)) {
            BytePointer chars = LLVMGetAsString(init.get().unwrap(), len);
            byte[] bytes = new byte[(int) len.get()];
            chars.get(bytes);
            String s = new String(bytes, StandardCharsets.UTF_8);
            int nul = s.indexOf('\0');
            return Optional.of(nul >= 0 ? s.substring(0, nul) : s);
        }
    }

    private static String functionOf(Value user) {
        return user.asInstruction().map(i -> i.function().name()).orElse("");
    }
}
