package dev.gpuc.backend.spirv;

import dev.gpuc.ir.Owned;
import java.util.function.ToIntFunction;
import org.bytedeco.javacpp.Pointer;

/** One OpenCL object (context, queue, program, kernel, buffer), released exactly once. */
final class ClHandle<T extends Pointer> extends Owned {
    private final T object;
    private final ToIntFunction<T> release;

    ClHandle(T object, ToIntFunction<T> release) {
        this.object = object;
        this.release = release;
    }

    T get() {
        checkOpen();
        return object;
    }

    @Override
    protected void release() {
        release.applyAsInt(object);
    }
}
