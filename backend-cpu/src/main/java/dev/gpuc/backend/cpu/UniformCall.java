package dev.gpuc.backend.cpu;

import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.llvm.LLVM.LLVMDiagnosticHandler;
import org.bytedeco.llvm.LLVM.LLVMDiagnosticInfoRef;

/**
 * Calls a native {@code void f(void *args, void *ret)}, the shape of every call wrapper, from
 * Java 17 without libffi or a C compiler.
 *
 * <p>The LLVM preset already has a compiled JNI stub for exactly that C signature: the
 * {@code call} method of {@link LLVMDiagnosticHandler}, a javacpp {@code FunctionPointer} for
 * {@code void (*)(LLVMDiagnosticInfoRef, void *)}. javacpp's stub reads the function to call
 * from the first word of the native object the handler points at (its generated struct is
 * {@code { fn, jobject }}), so a two-word cell holding {@code {address, NULL}} turns it into a
 * call of {@code address}. bytedeco's libffi preset would do the same job through a second
 * native library that stops at javacpp 1.5.7; this costs one JNI transition per call.
 */
final class UniformCall implements AutoCloseable {
    private final LongPointer cell;
    private final LLVMDiagnosticHandler stub;

    UniformCall(long address) {
        if (address == 0) {
            throw new IllegalArgumentException("null function address");
        }
        cell = new LongPointer(2);
        cell.put(0, address).put(1, 0L);
        stub = new LLVMDiagnosticHandler(cell);
    }

    /** Runs the function on native memory holding the argument slots and the result slot. */
    void invoke(Pointer args, Pointer ret) {
        stub.call(new LLVMDiagnosticInfoRef(args), ret);
    }

    @Override
    public void close() {
        cell.close();
    }
}
