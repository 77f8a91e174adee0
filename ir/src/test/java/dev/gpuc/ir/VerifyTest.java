package dev.gpuc.ir;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class VerifyTest {
    /** corpus/malformed/fails-verifier.ll with the terminator LLVM's parser insists on. */
    static final String USE_BEFORE_DEF = """
            define i32 @k(i32 %a) {
            entry:
              %y = add i32 %x, 1
              %x = add i32 %a, 1
              ret i32 %y
            }
            """;

    @Test
    void useBeforeDefinitionFailsVerification() {
        try (Context ctx = Context.create(); Module m = ctx.parseText(USE_BEFORE_DEF, "ubd.ll")) {
            assertTrue(m.verificationError().orElseThrow().contains("Instruction does not dominate all uses"));
            VerificationException e = assertThrows(VerificationException.class, m::verify);
            assertTrue(e.getMessage().startsWith("ubd.ll: Instruction does not dominate all uses!"), e.getMessage());
            assertTrue(e.getMessage().contains("%y = add i32 %x, 1"), "the report names the instruction");
        }
    }

    @Test
    void validModuleVerifies() {
        try (Context ctx = Context.create(); Module m = ctx.parseText(EmitTest.VADD, "vadd.ll")) {
            assertTrue(m.verificationError().isEmpty());
            m.verify();
        }
    }

    @Test
    void editThatBreaksTheModuleIsCaught() {
        try (Context ctx = Context.create(); Module m = ctx.parseText(EmitTest.VADD, "vadd.ll")) {
            Function f = m.function("vadd").orElseThrow();
            f.basicBlocks().get(0).terminator().orElseThrow().erase();
            VerificationException e = assertThrows(VerificationException.class, m::verify);
            assertTrue(e.getMessage().contains("does not have terminator"), e.getMessage());
        }
    }

    @Test
    void brokenModuleIsNotHandedToCodeGeneration() {
        // LLVM's code generator does not verify; this module used to crash the JVM inside it.
        try (Context ctx = Context.create(); Module m = ctx.parseText(USE_BEFORE_DEF, "ubd.ll");
             TargetMachine tm = TargetMachine.create(TargetMachineSpec.of("x86_64-unknown-linux-gnu", "x86-64", ""))) {
            assertThrows(VerificationException.class, () -> tm.emit(m, CodeGenFileType.ASSEMBLY));
        }
    }
}
