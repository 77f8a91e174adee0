package dev.gpuc.ir;

import static org.bytedeco.llvm.global.LLVM.*;

import org.bytedeco.llvm.LLVM.LLVMValueRef;

/** Names of raw values, for passes that walk references below the {@link Value} views. */
public final class ValueNames {
    private ValueNames() {}

    /** The value's name (empty when it has none), UTF-8 decoded, embedded NULs kept. */
    public static String of(LLVMValueRef v) {
        var length = OutParameters.size();
        return Native.utf8(LLVMGetValueName2(v, length), length.get());
    }
}
