package dev.gpuc.backend.spirv;

import static org.junit.jupiter.api.Assertions.*;

import dev.gpuc.ir.Context;
import dev.gpuc.ir.Module;
import dev.gpuc.ir.Opcode;
import dev.gpuc.passes.TrapLowering;
import org.junit.jupiter.api.Test;

/** The steps of {@code SpirvBackend.finish}, one module through all of them. */
class SpirvLoweringTest {
    private static final String IR = """
            define spir_kernel void @k(ptr addrspace(1) %out, i32 %n) !dbg !6 {
            entry:
              %big = icmp sgt i32 %n, 100, !dbg !9
              br i1 %big, label %bad, label %ok
            bad:
              call void @llvm.trap()
              unreachable
            odd:
              call void @llvm.debugtrap()
              br label %ok
            ok:
              %f = freeze i32 %n
              %g = freeze i32 %f
              store i32 %g, ptr addrspace(1) %out, !dbg !9
              ret void
            }
            declare void @llvm.trap()
            declare void @llvm.debugtrap()
            !llvm.dbg.cu = !{!0}
            !llvm.module.flags = !{!3, !4}
            !0 = distinct !DICompileUnit(language: DW_LANG_Julia, file: !1, producer: "julia", isOptimized: true, runtimeVersion: 0, emissionKind: FullDebug)
            !1 = !DIFile(filename: "k.jl", directory: ".")
            !3 = !{i32 2, !"Dwarf Version", i32 4}
            !4 = !{i32 2, !"Debug Info Version", i32 3}
            !6 = distinct !DISubprogram(name: "k", scope: !1, file: !1, line: 1, type: !7, scopeLine: 1, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
            !7 = !DISubroutineType(types: !8)
            !8 = !{}
            !9 = !DILocation(line: 2, scope: !6)
            """;

    @Test
    void trapsFreezesAndDebugInfoGoAndTheModuleStaysValid() {
        try (Context ctx = Context.create(); Module m = ctx.parseText(IR, "k.ll")) {
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
