package dev.gpuc.ir;

import java.util.Optional;
import org.bytedeco.llvm.LLVM.LLVMErrorRef;

/**
 * The one place that consumes {@code LLVMErrorRef}s, opened to code that calls the C API
 * directly (the ORC loader): each error is turned into its message and disposed exactly once.
 */
public final class LlvmErrors {
    private LlvmErrors() {}

    /** Consumes {@code error}: empty on success (a null ref), else LLVM's message. */
    public static Optional<String> take(LLVMErrorRef error) {
        return Optional.ofNullable(Native.takeError(error));
    }
}
