package dev.gpuc.passes;

import static org.bytedeco.llvm.global.LLVM.*;

import dev.gpuc.ir.CStrings;
import dev.gpuc.ir.PointerArrays;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.llvm.LLVM.LLVMBuilderRef;
import org.bytedeco.llvm.LLVM.LLVMContextRef;
import org.bytedeco.llvm.LLVM.LLVMTypeRef;
import org.bytedeco.llvm.LLVM.LLVMValueRef;

/**
 * Rebuilds a constant that holds runtime addresses as instructions, each address loaded from its
 * slot (a load cannot appear inside a constant). {@link #obstacle} is asked first, so a constant
 * is either rebuilt completely or left untouched: never half.
 */
final class Materializer {
    /** Produces the value of a runtime address at the builder: a slot load, converted to {@code want}. */
    @FunctionalInterface
    interface SlotLoader {
        LLVMValueRef load(String key, long address, LLVMTypeRef want, LLVMBuilderRef builder);
    }

    private final LLVMContextRef ctx;
    private final AddressConstants constants;
    private final SlotLoader slots;
    private final Map<Long, String> obstacles = new HashMap<>();

    Materializer(LLVMContextRef ctx, AddressConstants constants, SlotLoader slots) {
        this.ctx = ctx;
        this.constants = constants;
        this.slots = slots;
    }

    /** Why {@code c} cannot be rebuilt, or null when it can (or holds no runtime address). */
    String obstacle(LLVMValueRef c) {
        if (!constants.containsKnown(c) || constants.knownKey(c) != null) {
            return null;
        }
        String cached = obstacles.get(c.address());
        if (cached != null) {
            return cached.isEmpty() ? null : cached;
        }
        String why = null;
        int kind = LLVMGetValueKind(c);
        boolean aggregate = kind == LLVMConstantStructValueKind || kind == LLVMConstantArrayValueKind
                || kind == LLVMConstantVectorValueKind;
        if (!aggregate && !(kind == LLVMConstantExprValueKind && supported(LLVMGetConstOpcode(c)))) {
            why = "a runtime address inside " + Refs.print(c) + " cannot be rebuilt as code";
        }
        for (int i = 0, n = LLVMGetNumOperands(c); why == null && i < n; i++) {
            why = obstacle(LLVMGetOperand(c, i));
        }
        obstacles.put(c.address(), why == null ? "" : why);
        return why;
    }

    private static boolean supported(int opcode) {
        return dev.gpuc.ir.Opcode.of(opcode).isCast() || switch (opcode) {
            case LLVMGetElementPtr, LLVMAdd, LLVMSub, LLVMMul, LLVMShl, LLVMXor, LLVMAnd, LLVMOr,
                 LLVMExtractElement, LLVMInsertElement -> true;
            default -> false;
        };
    }

    /** The constant as instructions at the builder; {@link #obstacle} must have said yes. */
    LLVMValueRef rebuild(LLVMValueRef c, LLVMBuilderRef builder) {
        if (!constants.containsKnown(c)) {
            return c;
        }
        String key = constants.knownKey(c);
        if (key != null) {
            return slots.load(key, constants.literalOf(c), LLVMTypeOf(c), builder);
        }
        int n = LLVMGetNumOperands(c);
        List<LLVMValueRef> ops = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ops.add(rebuild(LLVMGetOperand(c, i), builder));
        }
        LLVMTypeRef type = LLVMTypeOf(c);
        int kind = LLVMGetValueKind(c);
        if (kind == LLVMConstantExprValueKind) {
            return expression(c, ops, type, builder);
        }
        LLVMValueRef out = LLVMGetPoison(type);
        boolean vector = kind == LLVMConstantVectorValueKind;
        for (int i = 0; i < n; i++) {
            out = vector ? LLVMBuildInsertElement(builder, out, ops.get(i), LLVMConstInt(LLVMInt32TypeInContext(ctx), i, 0), CStrings.EMPTY)
                    : LLVMBuildInsertValue(builder, out, ops.get(i), i, CStrings.EMPTY);
        }
        return out;
    }

    private static LLVMValueRef expression(LLVMValueRef c, List<LLVMValueRef> ops, LLVMTypeRef type, LLVMBuilderRef builder) {
        int opcode = LLVMGetConstOpcode(c);
        if (dev.gpuc.ir.Opcode.of(opcode).isCast()) {
            return LLVMBuildCast(builder, opcode, ops.get(0), type, CStrings.EMPTY);
        }
        if (opcode == LLVMGetElementPtr) {
            PointerPointer<LLVMValueRef> indices = PointerArrays.scratch(ops.size() - 1);
            for (int i = 1; i < ops.size(); i++) {
                indices.put(i - 1, ops.get(i));
            }
            return LLVMBuildGEPWithNoWrapFlags(builder, LLVMGetGEPSourceElementType(c), ops.get(0), indices,
                    ops.size() - 1, "", LLVMGEPGetNoWrapFlags(c));
        }
        return switch (opcode) {
            case LLVMExtractElement -> LLVMBuildExtractElement(builder, ops.get(0), ops.get(1), CStrings.EMPTY);
            case LLVMInsertElement -> LLVMBuildInsertElement(builder, ops.get(0), ops.get(1), ops.get(2), CStrings.EMPTY);
            default -> LLVMBuildBinOp(builder, opcode, ops.get(0), ops.get(1), CStrings.EMPTY);
        };
    }

    /** Pointers and integers of at most 64 bits: what an address can be read as. */
    static boolean isScalar(LLVMTypeRef t) {
        return Refs.isPointer(t) || Refs.isInteger(t) && LLVMGetIntTypeWidth(t) <= 64;
    }

    /** Reinterprets one scalar as another, bit for bit (both {@link #isScalar}). */
    LLVMValueRef convert(LLVMBuilderRef builder, LLVMValueRef v, LLVMTypeRef want) {
        LLVMTypeRef have = LLVMTypeOf(v);
        if (have.address() == want.address()) {
            return v;
        }
        LLVMValueRef bits = Refs.isPointer(have) ? LLVMBuildPtrToInt(builder, v, LLVMInt64TypeInContext(ctx), CStrings.EMPTY) : v;
        return Refs.isPointer(want) ? LLVMBuildIntToPtr(builder, bits, want, CStrings.EMPTY)
                : LLVMBuildIntCast2(builder, bits, want, 0, CStrings.EMPTY);
    }
}
