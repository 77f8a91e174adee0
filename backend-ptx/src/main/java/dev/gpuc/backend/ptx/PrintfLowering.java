package dev.gpuc.backend.ptx;

import dev.gpuc.api.InvalidIrForTarget;
import dev.gpuc.ir.Builder;
import dev.gpuc.ir.Context;
import dev.gpuc.ir.Function;
import dev.gpuc.ir.Instruction;
import dev.gpuc.ir.Module;
import dev.gpuc.ir.Opcode;
import dev.gpuc.ir.Type;
import dev.gpuc.ir.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Lowers C-style {@code printf(fmt, ...)} calls to the CUDA driver's {@code vprintf(fmt, args)}:
 * the variadic arguments go into a buffer where each sits at its natural alignment, after C's
 * default argument promotions ({@code float} becomes {@code double}, small integers {@code i32});
 * pointers become generic pointers. This is the layout clang builds for CUDA's printf.
 *
 * <p>Without it, LLVM 20's NVPTX back end lowers the variadic call itself, but to a function
 * named {@code printf} that the driver does not have (ptxas: "Unresolved extern function
 * 'printf'"), and without promoting {@code float}, which {@code %f} would read as garbage.
 */
final class PrintfLowering {
    private PrintfLowering() {}

    static final String PRINTF = "printf";
    static final String VPRINTF = "vprintf";

    /** Rewrites every call to a declared {@code printf}; returns how many it rewrote. */
    static int run(Module module, String target) {
        Optional<Function> printf = module.function(PRINTF).filter(Function::isDeclaration);
        if (printf.isEmpty() || !printf.get().hasUses()) {
            return 0;
        }
        Context ctx = module.context();
        Type generic = ctx.pointerType(0);
        Type vprintfType = ctx.functionType(ctx.intType(32), List.of(generic, generic), false);
        Function vprintf = vprintf(module, vprintfType, target);
        List<InvalidIrForTarget.Problem> problems = new ArrayList<>();
        int rewritten = 0;
        try (Builder b = new Builder(module)) {
            for (Value user : printf.get().users()) {
                Optional<Instruction> call = user.asInstruction()
                        .filter(i -> i.opcode() == Opcode.CALL && printf.get().equals(i.calledValue()));
                if (call.isEmpty()) {
                    problems.add(new InvalidIrForTarget.Problem("printf", user.asInstruction()
                            .map(i -> i.function().name()).orElse(""), user.toString(),
                            "@printf may only be called directly on this target"));
                    continue;
                }
                Optional<InvalidIrForTarget.Problem> problem = lower(module, b, call.get(), vprintf, vprintfType);
                if (problem.isPresent()) {
                    problems.add(problem.get());
                } else {
                    rewritten++;
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidIrForTarget(target, problems);
        }
        if (!printf.get().hasUses()) {
            printf.get().delete();
        }
        return rewritten;
    }

    private static Optional<InvalidIrForTarget.Problem> lower(Module module, Builder b, Instruction call,
                                                              Function vprintf, Type vprintfType) {
        Context ctx = module.context();
        Type generic = ctx.pointerType(0);
        int argc = call.argumentCount();
        if (argc < 1 || !call.operand(0).type().isPointer()) {
            return Optional.of(problem(call, "printf needs a format string pointer as its first argument"));
        }
        List<Value> args = new ArrayList<>();
        for (int i = 1; i < argc; i++) {
            args.add(call.operand(i));
        }
        for (Value a : args) {
            if (promotedType(ctx, a.type()).isEmpty()) {
                return Optional.of(problem(call, "a printf argument of type " + a.type()
                        + " has no vprintf encoding (scalars and pointers only)"));
            }
        }
        Value buffer = module.constNull(generic);
        if (!args.isEmpty()) {
            List<Type> fields = args.stream().map(a -> promotedType(ctx, a.type()).orElseThrow()).toList();
            Type layout = ctx.structType(fields, false);
            Instruction first = call.function().basicBlocks().get(0).instructions().get(0);
            // In the entry block, so it is a fixed stack slot rather than a dynamic allocation.
            buffer = b.positionBefore(first).alloca(layout, "printf_args");
            b.positionBefore(call);
            Type i32 = ctx.intType(32);
            for (int i = 0; i < args.size(); i++) {
                Value field = b.gep(layout, buffer, List.of(module.constInt(i32, 0), module.constInt(i32, i)), "");
                b.store(promote(b, args.get(i), fields.get(i), generic), field);
            }
        }
        b.positionBefore(call);
        Value fmt = call.operand(0);
        if (fmt.type().pointerAddressSpace() != 0) {
            fmt = b.cast(Opcode.ADDR_SPACE_CAST, fmt, generic, "");
        }
        Value result = b.call(vprintfType, vprintf, List.of(fmt, buffer), "");
        if (call.hasUses()) {
            call.replaceAllUsesWith(result);
        }
        call.erase();
        return Optional.empty();
    }

    /** The type an argument has in the buffer after C's default argument promotions. */
    private static Optional<Type> promotedType(Context ctx, Type t) {
        return switch (t.kind()) {
            case HALF, BFLOAT, FLOAT, DOUBLE -> Optional.of(ctx.doubleType());
            case INTEGER -> t.intWidth() <= 32 ? Optional.of(ctx.intType(32))
                    : t.intWidth() == 64 ? Optional.of(t) : Optional.empty();
            case POINTER -> Optional.of(ctx.pointerType(0));
            default -> Optional.empty();
        };
    }

    private static Value promote(Builder b, Value v, Type to, Type generic) {
        Type t = v.type();
        return switch (t.kind()) {
            case HALF, BFLOAT, FLOAT -> b.cast(Opcode.FP_EXT, v, to, "");
            // i1 is a C bool: promoted as 0 or 1; narrower integers keep their sign as char and short do.
            case INTEGER -> t.intWidth() == 1 ? b.cast(Opcode.ZEXT, v, to, "")
                    : t.intWidth() < 32 ? b.cast(Opcode.SEXT, v, to, "") : v;
            case POINTER -> t.pointerAddressSpace() != 0 ? b.cast(Opcode.ADDR_SPACE_CAST, v, generic, "") : v;
            default -> v;
        };
    }

    private static Function vprintf(Module module, Type type, String target) {
        Optional<Function> existing = module.function(VPRINTF);
        if (existing.isEmpty()) {
            return module.addFunction(VPRINTF, type);
        }
        Type declared = existing.get().functionType();
        List<Type> params = declared.members();
        boolean matches = !declared.isVarArg() && params.size() == 2 && isGeneric(params.get(0))
                && isGeneric(params.get(1)) && declared.returnType().isInteger()
                && declared.returnType().intWidth() == 32;
        if (!matches) {
            throw new InvalidIrForTarget(target, List.of(new InvalidIrForTarget.Problem("printf", VPRINTF, "",
                    "@vprintf is declared as " + declared + "; CUDA's is i32 (ptr, ptr)")));
        }
        return existing.get();
    }

    private static boolean isGeneric(Type t) {
        return t.isPointer() && t.pointerAddressSpace() == 0;
    }

    private static InvalidIrForTarget.Problem problem(Instruction call, String detail) {
        return new InvalidIrForTarget.Problem("printf", call.function().name(), call.toString(), detail);
    }
}
