package dev.gpuc.backend.spirv;

import static org.junit.jupiter.api.Assertions.*;

import dev.gpuc.ir.Context;
import dev.gpuc.ir.Module;
import dev.gpuc.ir.Opcode;
import dev.gpuc.passes.TrapLowering;
import org.junit.jupiter.api.Test;

/** The steps of {@code SpirvBackend.finish}, one module through all of them. */
class SpirvLoweringTest {
    @Test
    void trapsFreezesAndDebugInfoGoAndTheModuleStaysValid() {
        try (Context ctx = Context.create(); Module m = ctx.parseText(Fixtures.TRAPS_FREEZES_AND_DEBUG_INFO, "k.ll")) {
            assertEquals(2, TrapLowering.replaceTraps(m, TrapLowering.nothing()), "what SpirvBackend.finish does");
            assertTrue(SpirvLowering.removeFreezes(m));
            assertTrue(SpirvLowering.stripDebugInfo(m));
            m.verify();
            assertTrue(m.function("llvm.trap").isEmpty());
            assertTrue(m.function("llvm.debugtrap").isEmpty());
            var k = m.function("k").orElseThrow();
            assertTrue(k.instructions().stream().noneMatch(i -> i.opcode() == Opcode.FREEZE));
            assertTrue(k.instructions().stream().anyMatch(i -> i.opcode() == Opcode.UNREACHABLE));
            String text = m.print();
            assertFalse(text.contains("!dbg") || text.contains("k.jl"), text);
            assertTrue(text.contains("store i32 %n"), "the freezes' uses now see their operand: " + text);
        }
    }

    @Test
    void nothingToDoChangesNothing() {
        try (Context ctx = Context.create();
             Module m = ctx.parseText("define spir_kernel void @k() {\n  ret void\n}\n", "k.ll")) {
            assertFalse(SpirvLowering.removeFreezes(m));
            assertFalse(SpirvLowering.stripDebugInfo(m));
        }
    }
}
