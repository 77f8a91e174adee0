package dev.gpuc.passes;

import static org.junit.jupiter.api.Assertions.*;

import dev.gpuc.ir.Context;
import dev.gpuc.ir.Module;
import org.junit.jupiter.api.Test;

class TrapLoweringTest {
    static final String IR = """
            define void @k(i1 %c) {
            entry:
              br i1 %c, label %bad, label %ok
            bad:
              call void @llvm.trap()
              unreachable
            ok:
              ret void
            }
            declare void @llvm.trap()
            """;

    @Test
    void trapsBecomeInlineAssemblyLlvmCannotExploit() {
        try (Context ctx = Context.create(); Module m = ctx.parseText(IR, "t")) {
            assertEquals(1, TrapLowering.replaceTraps(m, TrapLowering.inlineAssembly("trap;")));
            m.verify();
            String text = m.print();
            assertTrue(text.contains("call void asm sideeffect \"trap;\", \"\"()"), text);
            assertFalse(text.contains("llvm.trap"), text);
        }
    }

    @Test
    void trapsCanCallARuntimeFunctionOrDisappear() {
        try (Context ctx = Context.create(); Module m = ctx.parseText(IR, "t")) {
            TrapLowering.replaceTraps(m, TrapLowering.callFunction("gpuc_abort"));
            m.verify();
            assertTrue(m.print().contains("call void @gpuc_abort()"));
        }
        try (Context ctx = Context.create(); Module m = ctx.parseText(IR, "t")) {
            TrapLowering.replaceTraps(m, TrapLowering.nothing());
            m.verify();
            assertTrue(m.print().matches("(?s).*bad:[^\\n]*\\n  unreachable.*"), m.print());
        }
    }

    @Test
    void codeBeforeEveryUnreachable() {
        try (Context ctx = Context.create(); Module m = ctx.parseText(IR, "t")) {
            assertEquals(1, TrapLowering.beforeUnreachable(m, TrapLowering.inlineAssembly("exit;")));
            m.verify();
            assertTrue(m.print().contains("call void asm sideeffect \"exit;\", \"\"()\n  unreachable"), m.print());
        }
    }
}
