package dev.gpuc.ir;

/** A message LLVM reported through a context's diagnostic handler; remarks are not kept (LLVM itself drops them unless asked). */
public record Diagnostic(Severity severity, String message) {
    public enum Severity { ERROR, WARNING, NOTE }

    @Override
    public String toString() {
        return severity.name().toLowerCase(java.util.Locale.ROOT) + ": " + message;
    }
}
