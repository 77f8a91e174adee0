package dev.gpuc.passes;

import static org.bytedeco.llvm.global.LLVM.LLVMGetInlineAsm;
import static org.bytedeco.llvm.global.LLVM.LLVMInlineAsmDialectATT;

import dev.gpuc.ir.Builder;
import dev.gpuc.ir.Function;
import dev.gpuc.ir.Instruction;
import dev.gpuc.ir.Module;
import dev.gpuc.ir.Opcode;
import dev.gpuc.ir.Type;
import dev.gpuc.ir.Value;
import java.util.List;

/**
 * Hooks for {@code llvm.trap} and {@code unreachable}, which GPU targets handle differently
 * (GPUCompiler.jl: PTX hides traps behind inline assembly so LLVM does not exploit their
 * {@code noreturn}; SPIR-V has no trap instruction). A backend picks an {@link Emitter} for each.
 */
public final class TrapLowering {
    private TrapLowering() {}

    /** Builds replacement code at the builder's position (just before the trap or unreachable). */
    @FunctionalInterface
    public interface Emitter {
        void emit(Builder builder, Module module);
    }

    /** The trap intrinsics {@link #replaceTraps} replaces. */
    public static final List<String> TRAP_INTRINSICS = List.of("llvm.trap", "llvm.debugtrap", "llvm.ubsantrap");

    /** {@code call void asm sideeffect "<asm>", ""()}: code LLVM cannot reason about. */
    public static Emitter inlineAssembly(String asm) {
        return (builder, module) -> {
            Type fnType = voidFunction(module);
            Value callee = module.wrap(LLVMGetInlineAsm(fnType.unwrap(), asm, asm.length(), "", 0, 1, 0,
                    LLVMInlineAsmDialectATT, 0));
            builder.call(fnType, callee, List.of(), "");
        };
    }

    /** A call of {@code void name()}, declared when missing (a runtime's abort function). */
    public static Emitter callFunction(String name) {
        return (builder, module) -> {
            Type fnType = voidFunction(module);
            Function f = module.function(name).orElseGet(() -> module.addFunction(name, fnType));
            builder.call(fnType, f, List.of(), "");
        };
    }

    /** Nothing: the trap is dropped and the {@code unreachable} after it stays. */
    public static Emitter nothing() {
        return (builder, module) -> { };
    }

    private static Type voidFunction(Module module) {
        return module.context().functionType(module.context().voidType(), List.of(), false);
    }

    /** Replaces every call of a trap intrinsic by {@code emitter}'s code; returns how many. */
    public static int replaceTraps(Module module, Emitter emitter) {
        int count = 0;
        try (Builder builder = new Builder(module)) {
            for (String name : TRAP_INTRINSICS) {
                Function trap = module.function(name).orElse(null);
                if (trap == null) {
                    continue;
                }
                for (Value user : trap.users()) {
                    if (user instanceof Instruction call && call.isCall() && call.calledValue().equals(trap)) {
                        builder.positionBefore(call);
                        emitter.emit(builder, module);
                        call.erase();
                        count++;
                    }
                }
                if (!trap.hasUses()) {
                    trap.delete();
                }
            }
        }
        return count;
    }

    /** Inserts {@code emitter}'s code before every {@code unreachable}; returns how many. */
    public static int beforeUnreachable(Module module, Emitter emitter) {
        int count = 0;
        try (Builder builder = new Builder(module)) {
            for (Function f : module.functions()) {
                for (Instruction inst : f.instructions()) {
                    if (inst.opcode() == Opcode.UNREACHABLE) {
                        builder.positionBefore(inst);
                        emitter.emit(builder, module);
                        count++;
                    }
                }
            }
        }
        return count;
    }
}
