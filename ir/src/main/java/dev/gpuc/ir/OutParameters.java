package dev.gpuc.ir;

import org.bytedeco.javacpp.SizeTPointer;

/**
 * Reusable out-parameters for the C API's {@code size_t *} results (a name's length, a count of
 * metadata entries). Allocating native memory through javacpp costs microseconds (it samples the
 * process's memory use each time); the calls that fill it cost tens of nanoseconds.
 */
public final class OutParameters {
    private OutParameters() {}

    private static final ThreadLocal<SizeTPointer> SIZE = ThreadLocal.withInitial(() -> new SizeTPointer(1));

    /** This thread's {@code size_t} out-parameter; read it before the next call that uses it. */
    public static SizeTPointer size() {
        return SIZE.get();
    }
}
