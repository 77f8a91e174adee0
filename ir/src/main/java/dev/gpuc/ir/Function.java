package dev.gpuc.ir;

import static org.bytedeco.llvm.global.LLVM.*;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.llvm.LLVM.LLVMAttributeRef;
import org.bytedeco.llvm.LLVM.LLVMBasicBlockRef;
import org.bytedeco.llvm.LLVM.LLVMComdatRef;
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
        return new BasicBlock(module, LLVMAppendBasicBlockInContext(module.context().ref(), ref(), CStrings.of(name)));
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
        BytePointer k = CStrings.of(key);
        LLVMAttributeRef a = LLVMGetStringAttributeAtIndex(ref(), LLVMAttributeFunctionIndex, k, (int) k.limit());
        if (a == null || a.isNull()) {
            return java.util.Optional.empty();
        }
        int[] length = new int[1];
        BytePointer v = LLVMGetStringAttributeValue(a, length);
        return java.util.Optional.of(Native.utf8(v, length[0]));
    }

    public void addStringAttribute(String key, String value) {
        BytePointer k = CStrings.of(key);
        BytePointer v = CStrings.of(value);
        LLVMAttributeRef a = LLVMCreateStringAttribute(module.context().ref(), k, (int) k.limit(), v, (int) v.limit());
        LLVMAddAttributeAtIndex(ref(), LLVMAttributeFunctionIndex, a);
    }

    public void removeStringAttribute(String key) {
        BytePointer k = CStrings.of(key);
        LLVMRemoveStringAttributeAtIndex(ref(), LLVMAttributeFunctionIndex, k, (int) k.limit());
    }

    /** Adds an enum attribute such as {@code noinline} to the function. */
    public void addEnumAttribute(String name) {
        LLVMAddAttributeAtIndex(ref(), LLVMAttributeFunctionIndex,
                LLVMCreateEnumAttribute(module.context().ref(), enumKind(name), 0));
    }

    public boolean hasEnumAttribute(String name) {
        LLVMAttributeRef a = LLVMGetEnumAttributeAtIndex(ref(), LLVMAttributeFunctionIndex, enumKind(name));
        return a != null && !a.isNull();
    }

    public void removeEnumAttribute(String name) {
        LLVMRemoveEnumAttributeAtIndex(ref(), LLVMAttributeFunctionIndex, enumKind(name));
    }

    private static int enumKind(String name) {
        return AttributeKinds.of(name);
    }

    /** Deletes the function; callers must have removed its uses. */
    public void delete() {
        if (hasUses()) {
            throw new IllegalStateException("function @" + name() + " still has uses");
        }
        LLVMDeleteFunction(ref());
    }

    /**
     * Removes the body, leaving an external declaration, as LLVM's {@code Function::deleteBody}
     * does: the personality, metadata attachments (a defining {@code !dbg} subprogram would break
     * the verifier) and comdat go too. A declaration is left as it is.
     */
    public void deleteBody() {
        if (isDeclaration()) {
            return;
        }
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
        if (LLVMHasPersonalityFn(ref()) != 0) {
            LLVMSetPersonalityFn(ref(), (LLVMValueRef) null);
        }
        LLVMGlobalClearMetadata(ref());
        LLVMSetComdat(ref(), (LLVMComdatRef) null);
        LLVMSetLinkage(ref(), LLVMExternalLinkage);
    }
}
