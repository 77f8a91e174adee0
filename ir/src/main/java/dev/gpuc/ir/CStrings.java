package dev.gpuc.ir;

import java.nio.charset.StandardCharsets;
import org.bytedeco.javacpp.BytePointer;

/**
 * C strings for the LLVM C API without javacpp's per-call costs. Passing a
 * {@link java.lang.String} to a bound function costs microseconds (javacpp calls back into Java
 * to encode it and copies it into fresh native memory each time), and so does allocating a
 * {@link BytePointer} (javacpp samples the process's memory use on every allocation): a few
 * such calls per instruction or per slot cost more than the LLVM work around them. LLVM copies
 * the names and strings it is given, so a string only has to live for the call it is passed to.
 */
public final class CStrings {
    private CStrings() {}

    /** The empty name, for the instructions gpuc builds (LLVM numbers unnamed values itself). */
    public static final BytePointer EMPTY = new BytePointer(1).put((byte) 0);

    private static final int RING = 4;

    private static final ThreadLocal<BytePointer[]> BUFFERS = ThreadLocal.withInitial(() -> new BytePointer[RING]);
    private static final ThreadLocal<int[]> NEXT = ThreadLocal.withInitial(() -> new int[1]);

    /**
     * {@code s} as a NUL-terminated UTF-8 C string whose {@code limit()} is its length in bytes
     * (what the API's (pointer, length) pairs count), in one of this thread's reusable buffers.
     * Valid for the call it is passed to: the buffers are reused in turn, so one call may take up
     * to {@value #RING} of them, and none may be kept.
     */
    public static BytePointer of(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        BytePointer[] buffers = BUFFERS.get();
        int[] next = NEXT.get();
        int i = next[0];
        next[0] = (i + 1) % RING;
        BytePointer b = buffers[i];
        if (b == null || b.capacity() < bytes.length + 1) {
            if (b != null) {
                b.close();
            }
            b = new BytePointer(Math.max(256, Integer.highestOneBit(bytes.length + 1) * 2L));
            buffers[i] = b;
        }
        b.position(0).limit(b.capacity());
        b.put(bytes, 0, bytes.length).put(bytes.length, (byte) 0);
        b.limit(bytes.length);
        return b;
    }
}
