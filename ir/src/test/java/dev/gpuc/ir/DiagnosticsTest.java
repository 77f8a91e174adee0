package dev.gpuc.ir;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** LLVM's diagnostics reach the context that caused them, as data: not printed, never fatal. */
class DiagnosticsTest {
    static final String BAD_INLINE_ASM = """
            define void @f() {
              call void asm sideeffect "bogus_insn %eax", ""()
              ret void
            }
            """;
    /** A frame larger than the function's warn-stack-size: a warning from code generation. */
    static final String BIG_FRAME = """
            declare void @use(ptr)
            define void @g() "warn-stack-size"="16" {
              %buf = alloca [256 x i8]
              call void @use(ptr %buf)
              ret void
            }
            """;

    static byte[] emitHost(Context ctx, String ir) {
        try (Module m = ctx.parseText(ir, "diag.ll");
             TargetMachine tm = TargetMachine.create(UseAfterCloseTest.HOST)) {
            tm.configure(m);
            return tm.emit(m, CodeGenFileType.OBJECT);
        }
    }

    @Test
    void anErrorDiagnosticFailsCodeGenerationWithLlvmsText() {
        try (Context ctx = Context.create()) {
            LlvmException e = assertThrows(LlvmException.class, () -> emitHost(ctx, BAD_INLINE_ASM));
            assertTrue(e.getMessage().contains("invalid instruction mnemonic 'bogus_insn'"), e.getMessage());
            assertTrue(ctx.takeDiagnostics().isEmpty(), "the errors went into the exception");
        }
    }

    @Test
    void warningsAreKeptForTheCaller() {
        try (Context ctx = Context.create()) {
            assertTrue(emitHost(ctx, BIG_FRAME).length > 0);
            List<Diagnostic> diagnostics = ctx.takeDiagnostics();
            assertTrue(diagnostics.stream().anyMatch(d -> d.severity() == Diagnostic.Severity.WARNING
                    && d.message().contains("stack frame size") && d.message().contains("exceeds limit (16)")),
                    diagnostics::toString);
            assertTrue(ctx.takeDiagnostics().isEmpty(), "taking removes them");
        }
    }

    @Test
    void diagnosticsGoToTheContextThatRaisedThem() {
        try (Context quiet = Context.create(); Context noisy = Context.create()) {
            emitHost(quiet, EmitTest.VADD);
            quiet.takeDiagnostics();
            emitHost(noisy, BIG_FRAME);
            assertFalse(noisy.takeDiagnostics().isEmpty());
            assertTrue(quiet.takeDiagnostics().isEmpty());
        }
    }

    @Test
    void nothingIsPrintedAndTheProcessSurvives() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                DiagnosticsProbe.class.getName()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "probe did not finish");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), () -> "probe exited " + p.exitValue() + "\n" + out + err);
        assertTrue(out.contains("captured error: true"), out);
        assertTrue(out.contains("captured warning: true"), out);
        assertFalse(err.contains("bogus_insn"), err);
        assertFalse(err.contains("stack frame size"), err);
    }
}
