package dev.gpuc.ir;

import static org.bytedeco.llvm.global.LLVM.*;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.llvm.LLVM.LLVMMemoryBufferRef;

/** An LLVM memory buffer: bytes handed to or received from LLVM. */
public final class MemoryBuffer extends Owned {
    private LLVMMemoryBufferRef ref;

    MemoryBuffer(LLVMMemoryBufferRef ref) {
        this.ref = ref;
    }

    /** Copies {@code bytes} into a new buffer; LLVM's copy is NUL-terminated as its parsers need. */
    public static MemoryBuffer copyOf(byte[] bytes, String name) {
        Llvm.initialize();
        try (BytePointer data = new BytePointer(bytes.length == 0 ? 1 : bytes.length)) {
            data.put(bytes);
            return new MemoryBuffer(LLVMCreateMemoryBufferWithMemoryRangeCopy(data, bytes.length, CStrings.of(name)));
        }
    }

    public byte[] bytes() {
        checkOpen();
        long size = LLVMGetBufferSize(ref);
        byte[] out = new byte[Math.toIntExact(size)];
        LLVMGetBufferStart(ref).get(out);
        return out;
    }

    public long size() {
        checkOpen();
        return LLVMGetBufferSize(ref);
    }

    /**
     * Gives the native buffer to a consumer that takes ownership (LLVM functions documented
     * as taking the buffer); this handle is closed without freeing it.
     */
    public LLVMMemoryBufferRef transfer() {
        checkOpen();
        LLVMMemoryBufferRef r = ref;
        ref = null;
        close();
        return r;
    }

    /** Escape hatch: the raw buffer, still owned by this handle. */
    public LLVMMemoryBufferRef unwrap() {
        checkOpen();
        return ref;
    }

    @Override
    protected void release() {
        if (ref != null) {
            LLVMDisposeMemoryBuffer(ref);
            ref = null;
        }
    }
}
