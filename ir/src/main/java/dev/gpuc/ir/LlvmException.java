package dev.gpuc.ir;

/** An error reported by LLVM, carrying LLVM's own text. */
public class LlvmException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LlvmException(String message) {
        super(message);
    }

    public LlvmException(String message, Throwable cause) {
        super(message, cause);
    }
}
