package dev.gpuc.ir;

import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Reusable native arrays of references, for the C API's array parameters (metadata operands,
 * call arguments, GEP indices). Allocating a {@link PointerPointer} costs microseconds (javacpp
 * samples the process's memory use on every allocation), more than the call it feeds; LLVM
 * copies what it reads from these arrays, so one buffer per thread serves every call.
 */
public final class PointerArrays {
    private PointerArrays() {}

    private static final ThreadLocal<PointerPointer<Pointer>[]> BUFFER = ThreadLocal.withInitial(() -> {
        @SuppressWarnings("unchecked")
        PointerPointer<Pointer>[] holder = new PointerPointer[1];
        return holder;
    });

    /**
     * This thread's array of at least {@code n} references (at least one), to fill and pass to
     * one call; the next call of this method on the thread reuses it.
     */
    @SuppressWarnings("unchecked")
    public static <P extends Pointer> PointerPointer<P> scratch(int n) {
        PointerPointer<Pointer>[] holder = BUFFER.get();
        PointerPointer<Pointer> p = holder[0];
        if (p == null || p.capacity() < Math.max(1, n)) {
            if (p != null) {
                p.close();
            }
            p = new PointerPointer<>(Math.max(16, Integer.highestOneBit(Math.max(1, n)) * 2L));
            holder[0] = p;
        }
        p.position(0);
        return (PointerPointer<P>) (PointerPointer<?>) p;
    }

    /** {@link #scratch} filled with {@code refs}. */
    public static <P extends Pointer> PointerPointer<P> of(Pointer... refs) {
        PointerPointer<P> p = scratch(refs.length);
        for (int i = 0; i < refs.length; i++) {
            p.put(i, refs[i]);
        }
        return p;
    }
}
