package dev.gpuc.ir;

import static org.bytedeco.llvm.global.LLVM.*;

import java.util.Optional;
import org.bytedeco.llvm.LLVM.LLVMValueRef;

/** An instruction in a basic block. */
public final class Instruction extends Value {
    Instruction(Module module, LLVMValueRef ref) {
        super(module, ref);
    }

    public Opcode opcode() {
        return Opcode.of(LLVMGetInstructionOpcode(ref()));
    }

    public BasicBlock block() {
        return new BasicBlock(module, LLVMGetInstructionParent(ref()));
    }

    public Function function() {
        return block().parent();
    }

    public boolean isCall() {
        Opcode op = opcode();
        return op == Opcode.CALL || op == Opcode.INVOKE || op == Opcode.CALL_BR;
    }

    /** The callee operand of a call: a function, or any other value for an indirect call. */
    public Value calledValue() {
        requireCall();
        return Value.of(module, LLVMGetCalledValue(ref));
    }

    /** The directly called function, if the callee is one (casts are not looked through). */
    public Optional<Function> calledFunction() {
        return calledValue().asFunction();
    }

    public int callingConvention() {
        requireCall();
        return LLVMGetInstructionCallConv(ref);
    }

    public void setCallingConvention(int cc) {
        requireCall();
        LLVMSetInstructionCallConv(ref, cc);
    }

    /** Number of call arguments (the callee operand excluded). */
    public int argumentCount() {
        requireCall();
        return LLVMGetNumArgOperands(ref);
    }

    /** Type an {@code alloca} allocates. */
    public Type allocatedType() {
        if (opcode() != Opcode.ALLOCA) {
            throw new IllegalStateException("not an alloca: " + this);
        }
        return module.context().type(LLVMGetAllocatedType(ref));
    }

    /** Source line from the debug location, or 0. */
    public int debugLine() {
        return LLVMGetDebugLocLine(ref());
    }

    /** Removes the instruction from its block and frees it; it must have no uses. */
    public void erase() {
        if (hasUses()) {
            throw new IllegalStateException("instruction still has uses: " + this);
        }
        LLVMInstructionEraseFromParent(ref());
    }

    private void requireCall() {
        if (!isCall()) {
            throw new IllegalStateException("not a call: " + this);
        }
    }

    /** Where this instruction is, for error messages: {@code function @f: <instruction>}. */
    public String location() {
        String fn = function().name();
        int line = debugLine();
        return "function @" + fn + (line > 0 ? " (line " + line + ")" : "") + ": " + this;
    }
}
