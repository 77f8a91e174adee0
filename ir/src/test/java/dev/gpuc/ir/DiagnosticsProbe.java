package dev.gpuc.ir;

/**
 * Run in a child JVM by {@link DiagnosticsTest}: provokes an LLVM error diagnostic and a warning.
 * LLVM's default handler would print both to stderr and end the process at the error.
 */
final class DiagnosticsProbe {
    private DiagnosticsProbe() {}

    public static void main(String[] args) {
        try (Context ctx = Context.create()) {
            try {
                DiagnosticsTest.emitHost(ctx, DiagnosticsTest.BAD_INLINE_ASM);
                System.out.println("no error?");
            } catch (LlvmException e) {
                System.out.println("captured error: " + e.getMessage().contains("bogus_insn"));
            }
            DiagnosticsTest.emitHost(ctx, DiagnosticsTest.BIG_FRAME);
            System.out.println("captured warning: " + ctx.takeDiagnostics().stream()
                    .anyMatch(d -> d.message().contains("stack frame size")));
        }
    }
}
