package dev.gpuc.ir;

/** A message LLVM reported through a context's diagnostic handler. */
public record Diagnostic(Severity severity, String message) {
    public enum Severity { ERROR, WARNING, REMARK, NOTE }

    @Override
    public String toString() {
        return severity.name().toLowerCase(java.util.Locale.ROOT) + ": " + message;
    }
}
