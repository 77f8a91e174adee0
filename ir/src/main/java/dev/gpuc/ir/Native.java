package dev.gpuc.ir;

import static org.bytedeco.llvm.global.LLVM.*;

import java.nio.charset.StandardCharsets;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.llvm.LLVM.LLVMErrorRef;

/** The one place that turns LLVM's owned strings and error objects into Java values (LLVM's text is UTF-8). */
final class Native {
    private Native() {}

    /** Copies and disposes a {@code char*} that LLVM allocated with {@code LLVMCreateMessage}. */
    static String takeMessage(BytePointer message) {
        if (message == null || message.isNull()) {
            return "";
        }
        try {
            return message.getString(StandardCharsets.UTF_8);
        } finally {
            LLVMDisposeMessage(message);
        }
    }

    /** Consumes an {@code LLVMErrorRef}: null when success, else its message (disposed once). */
    static String takeError(LLVMErrorRef error) {
        if (error == null || error.isNull()) {
            return null;
        }
        BytePointer message = LLVMGetErrorMessage(error); // consumes the error
        try {
            return message.getString(StandardCharsets.UTF_8);
        } finally {
            LLVMDisposeErrorMessage(message);
        }
    }

    /** Throws an {@link LlvmException} with {@code what: message} when {@code error} is a failure. */
    static void check(LLVMErrorRef error, String what) {
        String message = takeError(error);
        if (message != null) {
            throw new LlvmException(what + ": " + message);
        }
    }

    /** Decodes {@code length} UTF-8 bytes at {@code p}, which need not be NUL-terminated. */
    static String utf8(BytePointer p, long length) {
        if (p == null || p.isNull() || length <= 0) {
            return "";
        }
        byte[] bytes = new byte[Math.toIntExact(length)];
        p.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
