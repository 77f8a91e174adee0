package dev.gpuc.backend.spirv;

import static org.bytedeco.opencl.global.OpenCL.*;

import dev.gpuc.ir.Owned;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.opencl._cl_mem;

/**
 * A buffer in device memory ({@code cl_mem}) of an {@link OpenClModule}. Closing it releases
 * it; closing the module releases the buffers still open. Reads and writes block.
 */
public final class DeviceBuffer extends Owned {
    private final OpenClModule module;
    private final ClHandle<_cl_mem> mem;
    private final long size;

    DeviceBuffer(OpenClModule module, ClHandle<_cl_mem> mem, long size) {
        this.module = module;
        this.mem = mem;
        this.size = size;
    }

    _cl_mem mem() {
        checkOpen();
        return mem.get();
    }

    public long size() {
        return size;
    }

    public void write(byte[] data) {
        if (data.length > size) {
            throw new IllegalArgumentException(data.length + " bytes do not fit a buffer of " + size);
        }
        try (BytePointer host = new BytePointer(data)) {
            ClStatus.check(clEnqueueWriteBuffer(module.queue(), mem(), CL_TRUE, 0, data.length, host, 0,
                    (PointerPointer<?>) null, (PointerPointer<?>) null), "clEnqueueWriteBuffer");
        }
    }

    public byte[] read() {
        byte[] out = new byte[Math.toIntExact(size)];
        try (BytePointer host = new BytePointer(size)) {
            ClStatus.check(clEnqueueReadBuffer(module.queue(), mem(), CL_TRUE, 0, size, host, 0,
                    (PointerPointer<?>) null, (PointerPointer<?>) null), "clEnqueueReadBuffer");
            host.get(out);
        }
        return out;
    }

    public float[] readFloats() {
        float[] out = new float[Math.toIntExact(size / Float.BYTES)];
        view().asFloatBuffer().get(out);
        return out;
    }

    public int[] readInts() {
        int[] out = new int[Math.toIntExact(size / Integer.BYTES)];
        view().asIntBuffer().get(out);
        return out;
    }

    public long[] readLongs() {
        long[] out = new long[Math.toIntExact(size / Long.BYTES)];
        view().asLongBuffer().get(out);
        return out;
    }

    private ByteBuffer view() {
        return ByteBuffer.wrap(read()).order(ByteOrder.nativeOrder());
    }

    @Override
    protected void release() {
        module.forget(this);
        mem.close();
    }
}
