package dev.gpuc.ir;

import static org.bytedeco.llvm.global.LLVM.*;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.llvm.LLVM.LLVMErrorRef;

/** The one place that turns LLVM's owned strings and error objects into Java values. */
final class Native {
    private Native() {}

    /** Copies and disposes a {@code char*} that LLVM allocated with {@code LLVMCreateMessage}. */
    static String takeMessage(BytePointer message) {
        if (message == null || message.isNull()) {
            return "";
        }
        try {
            return message.getString();
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
            return message.getString();
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
}
