package dev.gpuc.ir;

import static org.bytedeco.llvm.global.LLVM.*;

import org.bytedeco.llvm.LLVM.LLVMValueRef;

/** What globals and functions share: name, linkage, visibility, address space, section. */
public abstract class GlobalValue extends Value {
    GlobalValue(Module module, LLVMValueRef ref) {
        super(module, ref);
    }

    public Linkage linkage() {
        return Linkage.of(LLVMGetLinkage(ref()));
    }

    public void setLinkage(Linkage linkage) {
        if (linkage == Linkage.OTHER) {
            throw new IllegalArgumentException("cannot set linkage OTHER");
        }
        LLVMSetLinkage(ref(), linkage.code());
    }

    public Visibility visibility() {
        return Visibility.values()[LLVMGetVisibility(ref())];
    }

    public void setVisibility(Visibility visibility) {
        LLVMSetVisibility(ref(), visibility.ordinal());
    }

    public boolean isDeclaration() {
        return LLVMIsDeclaration(ref()) != 0;
    }

    /** Address space of the global's pointer. */
    public int addressSpace() {
        return LLVMGetPointerAddressSpace(LLVMTypeOf(ref()));
    }

    /** Type of the object (for a global) or function type (for a function). */
    public Type valueType() {
        return module.context().type(LLVMGlobalGetValueType(ref()));
    }

    public String section() {
        org.bytedeco.javacpp.BytePointer s = LLVMGetSection(ref());
        return s == null || s.isNull() ? "" : s.getString(java.nio.charset.StandardCharsets.UTF_8);
    }

    public void setSection(String section) {
        LLVMSetSection(ref(), section);
    }

    public boolean isUnnamedAddr() {
        return LLVMGetUnnamedAddress(ref()) != LLVMNoUnnamedAddr;
    }

    public void setUnnamedAddr(boolean unnamed) {
        LLVMSetUnnamedAddress(ref(), unnamed ? LLVMGlobalUnnamedAddr : LLVMNoUnnamedAddr);
    }

    public int alignment() {
        return LLVMGetAlignment(ref());
    }

    public void setAlignment(int bytes) {
        LLVMSetAlignment(ref(), bytes);
    }
}
