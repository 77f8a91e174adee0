package dev.gpuc.ir;

import static org.bytedeco.llvm.global.LLVM.*;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.llvm.LLVM.LLVMBasicBlockRef;
import org.bytedeco.llvm.LLVM.LLVMValueRef;

/** A basic block of a function. */
public final class BasicBlock {
    private final Module module;
    private final LLVMBasicBlockRef ref;

    BasicBlock(Module module, LLVMBasicBlockRef ref) {
        this.module = module;
        this.ref = ref;
    }

    LLVMBasicBlockRef ref() {
        module.checkOpen();
        return ref;
    }

    LLVMBasicBlockRef refIn(Context owner) {
        if (module.context() != owner) {
            throw new IllegalArgumentException("block " + name() + " belongs to another context");
        }
        return ref();
    }

    public LLVMBasicBlockRef unwrap() {
        return ref();
    }

    public String name() {
        org.bytedeco.javacpp.BytePointer p = LLVMGetBasicBlockName(ref());
        return p == null || p.isNull() ? "" : p.getString(java.nio.charset.StandardCharsets.UTF_8);
    }

    public Function parent() {
        return (Function) Value.of(module, LLVMGetBasicBlockParent(ref()));
    }

    public List<Instruction> instructions() {
        List<Instruction> out = new ArrayList<>();
        for (LLVMValueRef i = LLVMGetFirstInstruction(ref()); i != null && !i.isNull(); i = LLVMGetNextInstruction(i)) {
            out.add(new Instruction(module, i));
        }
        return out;
    }

    public java.util.Optional<Instruction> terminator() {
        LLVMValueRef t = LLVMGetBasicBlockTerminator(ref());
        return t == null || t.isNull() ? java.util.Optional.empty() : java.util.Optional.of(new Instruction(module, t));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BasicBlock b && b.ref.address() == ref.address();
    }

    @Override
    public int hashCode() {
        return Long.hashCode(ref.address());
    }
}
