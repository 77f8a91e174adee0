package dev.gpuc.passes;

import static org.bytedeco.llvm.global.LLVM.*;

import org.bytedeco.llvm.LLVM.LLVMModuleRef;

/** Pointer sizes per address space from a module's data layout; 8 bytes when it has none. */
final class PointerSizes {
    private PointerSizes() {}

    static int of(LLVMModuleRef m, int addressSpace) {
        var layout = LLVMGetDataLayoutStr(m);
        if (Refs.isNull(layout) || layout.getString().isEmpty()) {
            return 8;
        }
        return LLVMPointerSizeForAS(LLVMGetModuleDataLayout(m), addressSpace);
    }
}
