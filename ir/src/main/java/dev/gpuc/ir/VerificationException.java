package dev.gpuc.ir;

/** A module that LLVM's verifier rejects; the message is the verifier's report. */
public final class VerificationException extends LlvmException {
    private static final long serialVersionUID = 1L;

    public VerificationException(String message) {
        super(message);
    }
}
