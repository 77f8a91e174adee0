package dev.gpuc.ir;

import static org.bytedeco.llvm.global.LLVM.*;

/** Linkage of a global value, with the C API's numbering. */
public enum Linkage {
    EXTERNAL(LLVMExternalLinkage), AVAILABLE_EXTERNALLY(LLVMAvailableExternallyLinkage),
    LINK_ONCE_ANY(LLVMLinkOnceAnyLinkage), LINK_ONCE_ODR(LLVMLinkOnceODRLinkage),
    WEAK_ANY(LLVMWeakAnyLinkage), WEAK_ODR(LLVMWeakODRLinkage), APPENDING(LLVMAppendingLinkage),
    INTERNAL(LLVMInternalLinkage), PRIVATE(LLVMPrivateLinkage), EXTERNAL_WEAK(LLVMExternalWeakLinkage),
    COMMON(LLVMCommonLinkage), OTHER(-1);

    private final int code;

    Linkage(int code) {
        this.code = code;
    }

    int code() {
        return code;
    }

    static Linkage of(int code) {
        for (Linkage l : values()) {
            if (l.code == code) {
                return l;
            }
        }
        return OTHER;
    }

    /** True when the symbol is not visible outside its module. */
    public boolean isLocal() {
        return this == INTERNAL || this == PRIVATE;
    }
}
