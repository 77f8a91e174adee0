package dev.gpuc.ir;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class FunctionEditTest {
    static final String LOOP = """
            define i32 @count(i32 %n) comdat personality ptr @pers {
            entry:
              br label %loop
            loop:
              %i = phi i32 [ 0, %entry ], [ %next, %loop ]
              %next = add i32 %i, 1
              %more = icmp slt i32 %next, %n
              br i1 %more, label %loop, label %done
            done:
              ret i32 %next
            }
            $count = comdat any
            declare i32 @pers(...)
            declare extern_weak void @weak()
            """;

    @Test
    void deleteBodyLeavesAnExternalDeclarationThatVerifies() {
        try (Context ctx = Context.create(); Module m = ctx.parseText(LOOP, "loop.ll")) {
            Function f = m.function("count").orElseThrow();
            f.deleteBody();
            assertTrue(f.isDeclaration());
            assertTrue(f.basicBlocks().isEmpty());
            assertEquals(Linkage.EXTERNAL, f.linkage());
            assertTrue(m.print().contains("declare i32 @count(i32)"), m::print);
            m.verify(); // a kept personality or comdat would fail here
        }
    }

    @Test
    void deleteBodyDropsTheDefiningDebugSubprogram() {
        String ir = """
                define void @f() !dbg !4 {
                  ret void, !dbg !7
                }
                !llvm.dbg.cu = !{!0}
                !llvm.module.flags = !{!3}
                !0 = distinct !DICompileUnit(language: DW_LANG_C99, file: !1, producer: "t", isOptimized: false, runtimeVersion: 0, emissionKind: FullDebug)
                !1 = !DIFile(filename: "a.c", directory: "/")
                !3 = !{i32 2, !"Debug Info Version", i32 3}
                !4 = distinct !DISubprogram(name: "f", scope: !1, file: !1, line: 1, type: !5, scopeLine: 1, spFlags: DISPFlagDefinition, unit: !0)
                !5 = !DISubroutineType(types: !6)
                !6 = !{null}
                !7 = !DILocation(line: 1, column: 1, scope: !4)
                """;
        try (Context ctx = Context.create(); Module m = ctx.parseText(ir, "dbg.ll")) {
            m.function("f").orElseThrow().deleteBody();
            m.verify();
        }
    }

    @Test
    void deleteBodyOfADeclarationChangesNothing() {
        try (Context ctx = Context.create(); Module m = ctx.parseText(LOOP, "loop.ll")) {
            Function weak = m.function("weak").orElseThrow();
            weak.deleteBody();
            assertEquals(Linkage.EXTERNAL_WEAK, weak.linkage());
            assertTrue(m.print().contains("declare extern_weak void @weak()"), m::print);
        }
    }

    @Test
    void walkingAFunction() {
        try (Context ctx = Context.create(); Module m = ctx.parseText(LOOP, "loop.ll")) {
            Function f = m.function("count").orElseThrow();
            assertEquals(List.of("entry", "loop", "done"), f.basicBlocks().stream().map(BasicBlock::name).toList());
            assertEquals(List.of(Opcode.BR, Opcode.PHI, Opcode.ADD, Opcode.ICMP, Opcode.BR, Opcode.RET),
                    f.instructions().stream().map(Instruction::opcode).toList());
            Value n = f.parameters().get(0);
            assertEquals(Value.Kind.ARGUMENT, n.kind());
            assertEquals("n", n.name());
            Instruction add = f.instructions().get(2);
            assertEquals(f, add.function());
            assertEquals(List.of(Opcode.RET, Opcode.ICMP, Opcode.PHI), add.users().stream() // enum order
                    .map(u -> u.asInstruction().orElseThrow().opcode()).sorted().toList());
        }
    }

    @Test
    void erasingAnInstructionThatIsStillUsedIsRefused() {
        try (Context ctx = Context.create(); Module m = ctx.parseText(LOOP, "loop.ll")) {
            Instruction add = m.function("count").orElseThrow().instructions().get(2);
            IllegalStateException e = assertThrows(IllegalStateException.class, add::erase);
            assertTrue(e.getMessage().contains("%next = add i32 %i, 1"), e.getMessage());
            m.verify(); // untouched
        }
    }

    @Test
    void misuseThatLlvmDoesNotCheckIsAJavaException() {
        try (Context ctx = Context.create(); Module m = ctx.parseText(LOOP, "loop.ll");
             Context other = Context.create(); Module foreign = other.createModule("foreign")) {
            Instruction add = m.function("count").orElseThrow().instructions().get(2);
            assertThrows(IndexOutOfBoundsException.class, () -> add.operand(2));
            assertThrows(IndexOutOfBoundsException.class, () -> add.setOperand(-1, add));
            assertThrows(IllegalStateException.class, () -> ctx.intType(32).vectorSize());
            assertThrows(IllegalArgumentException.class, () -> m.function("count").orElseThrow().addEnumAttribute("nosuchattr"));
            assertThrows(IllegalArgumentException.class, () -> m.addGlobal(other.intType(32), "g", 0));
            assertThrows(IllegalArgumentException.class, () -> m.constInt(other.intType(32), 1));
            assertThrows(IllegalArgumentException.class, () -> add.setOperand(1, foreign.constInt(other.intType(32), 1)));
            assertThrows(IllegalArgumentException.class, () -> ctx.functionType(ctx.voidType(), List.of(other.intType(8)), false));
            m.verify();
        }
    }

    @Test
    void buildingAFunction() {
        try (Context ctx = Context.create(); Module m = ctx.createModule("built")) {
            Type i32 = ctx.intType(32);
            Function f = m.addFunction("twice", ctx.functionType(i32, List.of(i32), false));
            try (Builder b = new Builder(m)) {
                b.positionAtEnd(f.appendBasicBlock("entry"));
                Value x = f.parameters().get(0);
                b.ret(b.binary(Opcode.ADD, x, x, "sum"));
            }
            m.verify();
            assertTrue(m.print().contains("%sum = add i32 %0, %0"), m::print);
        }
    }
}
