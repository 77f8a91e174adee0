package dev.gpuc.backend.cpu;

import java.nio.charset.StandardCharsets;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.LongPointer;

/** Reads and writes memory that ORC placed at known addresses (slots, signature strings). */
final class NativeMemory {
    private NativeMemory() {}

    static void writeLong(long at, long value) {
        new LongPointer((LongPointer) null) {
            {
                address = at; // a view: javacpp frees nothing it did not allocate
                limit = capacity = 1;
            }
        }.put(0, value);
    }

    /** The NUL-terminated string at {@code at}, read as ASCII. */
    static String readCString(long at) {
        return new BytePointer((BytePointer) null) {
            {
                address = at;
            }
        }.getString(StandardCharsets.US_ASCII);
    }
}
