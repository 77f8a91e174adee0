package dev.gpuc.ir;

import static org.bytedeco.llvm.global.LLVM.*;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.llvm.LLVM.LLVMAttributeRef;
import org.bytedeco.llvm.LLVM.LLVMBasicBlockRef;
import org.bytedeco.llvm.LLVM.LLVMValueRef;

/** A function: calling convention, parameters, attributes, body. */
public final class Function extends GlobalValue {
    Function(Module module, LLVMValueRef ref) {
        super(module, ref);
    }

    public int callingConvention() {
        return LLVMGetFunctionCallConv(ref());
    }

    public void setCallingConvention(int cc) {
        LLVMSetFunctionCallConv(ref(), cc);
    }

    public Type functionType() {
        return valueType();
    }

    public Type returnType() {
        return functionType().returnType();
    }

    public List<Value> parameters() {
        int n = LLVMCountParams(ref());
        List<Value> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(Value.of(module, LLVMGetParam(ref, i)));
        }
        return out;
    }

    public boolean isIntrinsic() {
        return LLVMGetIntrinsicID(ref()) != 0;
    }

    public List<BasicBlock> basicBlocks() {
        List<BasicBlock> out = new ArrayList<>();
        for (LLVMBasicBlockRef b = LLVMGetFirstBasicBlock(ref()); b != null && !b.isNull(); b = LLVMGetNextBasicBlock(b)) {
            out.add(new BasicBlock(module, b));
        }
        return out;
    }

    public BasicBlock appendBasicBlock(String name) {
        return new BasicBlock(module, LLVMAppendBasicBlockInContext(module.context().ref(), ref(), name));
    }

    /** Every instruction of the body, block by block. */
    public List<Instruction> instructions() {
        List<Instruction> out = new ArrayList<>();
        for (BasicBlock b : basicBlocks()) {
            out.addAll(b.instructions());
        }
        return out;
    }

    /** A string attribute on the function ({@code "key"="value"}), or empty. */
    public java.util.Optional<String> stringAttribute(String key) {
        LLVMAttributeRef a = LLVMGetStringAttributeAtIndex(ref(), LLVMAttributeFunctionIndex, key, key.length());
        if (a == null || a.isNull()) {
            return java.util.Optional.empty();
        }
        int[] len = new int[1];
        org.bytedeco.javacpp.BytePointer v = LLVMGetStringAttributeValue(a, len);
        return java.util.Optional.of(v == null || v.isNull() ? "" : v.getString().substring(0, len[0]));
    }

    public void addStringAttribute(String key, String value) {
        LLVMAttributeRef a = LLVMCreateStringAttribute(module.context().ref(), key, key.length(), value, value.length());
        LLVMAddAttributeAtIndex(ref(), LLVMAttributeFunctionIndex, a);
    }

    public void removeStringAttribute(String key) {
        LLVMRemoveStringAttributeAtIndex(ref(), LLVMAttributeFunctionIndex, key, key.length());
    }

    /** Adds an enum attribute such as {@code noinline} to the function. */
    public void addEnumAttribute(String name) {
        int kind = LLVMGetEnumAttributeKindForName(name, name.length());
        if (kind == 0) {
            throw new IllegalArgumentException("unknown attribute: " + name);
        }
        LLVMAddAttributeAtIndex(ref(), LLVMAttributeFunctionIndex, LLVMCreateEnumAttribute(module.context().ref(), kind, 0));
    }

    public boolean hasEnumAttribute(String name) {
        int kind = LLVMGetEnumAttributeKindForName(name, name.length());
        LLVMAttributeRef a = LLVMGetEnumAttributeAtIndex(ref(), LLVMAttributeFunctionIndex, kind);
        return a != null && !a.isNull();
    }

    public void removeEnumAttribute(String name) {
        int kind = LLVMGetEnumAttributeKindForName(name, name.length());
        LLVMRemoveEnumAttributeAtIndex(ref(), LLVMAttributeFunctionIndex, kind);
    }

    /** Deletes the function; callers must have removed its uses. */
    public void delete() {
        if (hasUses()) {
            throw new IllegalStateException("function @" + name() + " still has uses");
        }
        LLVMDeleteFunction(ref());
    }

    /** Removes the body, leaving a declaration. */
    public void deleteBody() {
        // Drop references first so blocks that branch to each other can be erased in any order.
        for (Instruction i : instructions()) {
            LLVMReplaceAllUsesWith(i.ref(), LLVMGetUndef(LLVMTypeOf(i.ref())));
        }
        for (BasicBlock b : basicBlocks()) {
            for (Instruction i : b.instructions()) {
                i.erase();
            }
            LLVMDeleteBasicBlock(b.ref());
        }
        LLVMSetLinkage(ref(), LLVMExternalLinkage);
    }
}
