package dev.gpuc.ir;

import static org.bytedeco.llvm.global.LLVM.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.llvm.LLVM.LLVMUseRef;
import org.bytedeco.llvm.LLVM.LLVMValueRef;

/**
 * A value in a module: a constant, global, argument or instruction. Valid while its
 * {@link Module} is open; equality is identity of the underlying LLVM value.
 */
public class Value {
    /** What sort of value this is, as far as gpuc's passes care. */
    public enum Kind { ARGUMENT, BASIC_BLOCK, FUNCTION, GLOBAL_VARIABLE, GLOBAL_ALIAS, CONSTANT_EXPR,
        CONSTANT_INT, CONSTANT_FP, CONSTANT_NULL, CONSTANT_AGGREGATE, CONSTANT_DATA, UNDEF, POISON,
        INSTRUCTION, METADATA, INLINE_ASM, OTHER }

    final Module module;
    final LLVMValueRef ref;

    Value(Module module, LLVMValueRef ref) {
        this.module = module;
        this.ref = ref;
    }

    /** Wraps {@code ref} in the most specific view. */
    static Value of(Module module, LLVMValueRef ref) {
        if (ref == null || ref.isNull()) {
            return null;
        }
        return switch (LLVMGetValueKind(ref)) {
            case LLVMFunctionValueKind -> new Function(module, ref);
            case LLVMGlobalVariableValueKind -> new GlobalVariable(module, ref);
            case LLVMInstructionValueKind -> new Instruction(module, ref);
            default -> new Value(module, ref);
        };
    }

    LLVMValueRef ref() {
        module.checkOpen();
        return ref;
    }

    /** The raw value, for use with {@code owner}'s objects: LLVM does not check, so mixing contexts corrupts memory. */
    LLVMValueRef refIn(Context owner) {
        if (module.context() != owner) {
            throw new IllegalArgumentException("value " + this + " belongs to another context");
        }
        return ref();
    }

    /** Escape hatch: the raw LLVM value, owned by its module. */
    public LLVMValueRef unwrap() {
        return ref();
    }

    public Module module() {
        return module;
    }

    public Kind kind() {
        return switch (LLVMGetValueKind(ref())) {
            case LLVMArgumentValueKind -> Kind.ARGUMENT;
            case LLVMBasicBlockValueKind -> Kind.BASIC_BLOCK;
            case LLVMFunctionValueKind -> Kind.FUNCTION;
            case LLVMGlobalVariableValueKind -> Kind.GLOBAL_VARIABLE;
            case LLVMGlobalAliasValueKind -> Kind.GLOBAL_ALIAS;
            case LLVMConstantExprValueKind -> Kind.CONSTANT_EXPR;
            case LLVMConstantIntValueKind -> Kind.CONSTANT_INT;
            case LLVMConstantFPValueKind -> Kind.CONSTANT_FP;
            case LLVMConstantPointerNullValueKind, LLVMConstantAggregateZeroValueKind,
                 LLVMConstantTokenNoneValueKind -> Kind.CONSTANT_NULL;
            case LLVMConstantArrayValueKind, LLVMConstantStructValueKind, LLVMConstantVectorValueKind ->
                    Kind.CONSTANT_AGGREGATE;
            case LLVMConstantDataArrayValueKind, LLVMConstantDataVectorValueKind -> Kind.CONSTANT_DATA;
            case LLVMUndefValueValueKind -> Kind.UNDEF;
            case LLVMPoisonValueValueKind -> Kind.POISON;
            case LLVMInstructionValueKind -> Kind.INSTRUCTION;
            case LLVMMetadataAsValueValueKind -> Kind.METADATA;
            case LLVMInlineAsmValueKind -> Kind.INLINE_ASM;
            default -> Kind.OTHER;
        };
    }

    public String name() {
        return ValueNames.of(ref());
    }

    public void setName(String name) {
        BytePointer p = CStrings.of(name);
        LLVMSetValueName2(ref(), p, p.limit());
    }

    public Type type() {
        return module.context().type(LLVMTypeOf(ref()));
    }

    public boolean isConstant() {
        return LLVMIsConstant(ref()) != 0;
    }

    public boolean isNullValue() {
        return LLVMIsNull(ref()) != 0;
    }

    /** Opcode of a constant expression. */
    public Opcode constantOpcode() {
        if (kind() != Kind.CONSTANT_EXPR) {
            throw new IllegalStateException("not a constant expression: " + this);
        }
        return Opcode.of(LLVMGetConstOpcode(ref));
    }

    /** Zero-extended value of a constant integer of at most 64 bits. */
    public long constantIntValue() {
        if (kind() != Kind.CONSTANT_INT) {
            throw new IllegalStateException("not a constant integer: " + this);
        }
        return LLVMConstIntGetZExtValue(ref);
    }

    /** Operands of a user (instruction or constant); empty for values without operands. */
    public List<Value> operands() {
        LLVMValueRef r = ref();
        int n = operandCount(r);
        List<Value> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(of(module, LLVMGetOperand(r, i)));
        }
        return out;
    }

    public Value operand(int index) {
        LLVMValueRef r = ref();
        checkOperandIndex(r, index);
        return of(module, LLVMGetOperand(r, index));
    }

    public void setOperand(int index, Value value) {
        LLVMValueRef r = ref();
        checkOperandIndex(r, index);
        LLVMSetOperand(r, index, value.refIn(module.context()));
    }

    /** Operands of a user; 0 for other values (LLVM reads past the object when asked for theirs). */
    private static int operandCount(LLVMValueRef r) {
        LLVMValueRef user = LLVMIsAUser(r);
        return user == null || user.isNull() ? 0 : LLVMGetNumOperands(r);
    }

    private static void checkOperandIndex(LLVMValueRef r, int index) {
        int n = operandCount(r);
        if (index < 0 || index >= n) {
            throw new IndexOutOfBoundsException("operand " + index + " of a value with " + n + " operands");
        }
    }

    /** The values that use this one (each user once per use). */
    public List<Value> users() {
        List<Value> out = new ArrayList<>();
        for (LLVMUseRef u = LLVMGetFirstUse(ref()); u != null && !u.isNull(); u = LLVMGetNextUse(u)) {
            out.add(of(module, LLVMGetUser(u)));
        }
        return out;
    }

    public boolean hasUses() {
        LLVMUseRef u = LLVMGetFirstUse(ref());
        return u != null && !u.isNull();
    }

    public void replaceAllUsesWith(Value replacement) {
        LLVMReplaceAllUsesWith(ref(), replacement.refIn(module.context()));
    }

    public Optional<GlobalVariable> asGlobalVariable() {
        return this instanceof GlobalVariable g ? Optional.of(g) : Optional.empty();
    }

    public Optional<Function> asFunction() {
        return this instanceof Function f ? Optional.of(f) : Optional.empty();
    }

    public Optional<Instruction> asInstruction() {
        return this instanceof Instruction i ? Optional.of(i) : Optional.empty();
    }

    /** The value as LLVM prints it. */
    @Override
    public String toString() {
        return Native.takeMessage(LLVMPrintValueToString(ref())).strip();
    }

    @Override
    public final boolean equals(Object o) {
        return o instanceof Value v && v.ref.address() == ref.address();
    }

    @Override
    public final int hashCode() {
        return Long.hashCode(ref.address());
    }
}
