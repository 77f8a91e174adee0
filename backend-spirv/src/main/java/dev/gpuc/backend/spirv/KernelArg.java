package dev.gpuc.backend.spirv;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/** One argument of a kernel launch: a device buffer or a scalar passed by value. */
public sealed interface KernelArg {
    record Buffer(DeviceBuffer buffer) implements KernelArg {
        public Buffer {
            Objects.requireNonNull(buffer, "buffer");
        }
    }

    /** A scalar as the bytes the kernel parameter holds, in the device's (here: the host's) byte order. */
    record Scalar(byte[] bytes) implements KernelArg {
        public Scalar {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }
    }

    static KernelArg of(DeviceBuffer buffer) {
        return new Buffer(buffer);
    }

    static KernelArg i32(int value) {
        return new Scalar(bytes(4).putInt(value).array());
    }

    static KernelArg i64(long value) {
        return new Scalar(bytes(8).putLong(value).array());
    }

    static KernelArg f32(float value) {
        return new Scalar(bytes(4).putFloat(value).array());
    }

    static KernelArg f64(double value) {
        return new Scalar(bytes(8).putDouble(value).array());
    }

    private static ByteBuffer bytes(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.nativeOrder());
    }
}
