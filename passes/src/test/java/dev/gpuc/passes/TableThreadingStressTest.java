package dev.gpuc.passes;

import static org.junit.jupiter.api.Assertions.*;

import dev.gpuc.api.RelocationStrategy;
import dev.gpuc.api.RelocationTable;
import dev.gpuc.ir.Context;
import dev.gpuc.ir.Module;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * TABLE lowering moves function bodies into retyped functions and deletes the old ones, the
 * kind of work where a stale LLVM reference crashes the JVM only now and then (a segfault was
 * once seen in this pass). Each corpus runtime-globals kernel is rewritten so that its slot is
 * read in helpers (a loop with phis, a recursive helper, two call sites), lowered a hundred
 * times in one JVM, and each result is verified and printed, which walks every instruction.
 */
class TableThreadingStressTest {
    private static final int ROUNDS = 100;
    private static final Pattern SLOT_LOAD = Pattern.compile(
            "%sym = load (ptr(?: addrspace\\(\\d\\))?), (ptr(?: addrspace\\(\\d\\))?) @\"jl_sym#x#17\", align 8");

    /** The kernel with its slot read through helpers instead of in place. */
    static String withSlotInHelpers(String kernel) {
        Matcher load = SLOT_LOAD.matcher(kernel);
        assertTrue(load.find(), "the fixture reads its runtime global");
        String type = load.group(1);
        String pointer = load.group(2);
        return load.replaceAll("%sym = call " + type + " @read_sym(i32 3)") + """

                define internal $T @read_sym(i32 %n) {
                entry:
                  br label %loop
                loop:
                  %k = phi i32 [ 0, %entry ], [ %k1, %body ]
                  %acc = phi $T [ null, %entry ], [ %s, %body ]
                  %done = icmp eq i32 %k, %n
                  br i1 %done, label %exit, label %body
                body:
                  %s = call $T @read_down(i32 %k)
                  %k1 = add i32 %k, 1
                  br label %loop
                exit:
                  ret $T %acc
                }

                define internal $T @read_down(i32 %depth) {
                entry:
                  %last = icmp sle i32 %depth, 0
                  br i1 %last, label %read, label %recurse
                recurse:
                  %d1 = sub i32 %depth, 1
                  %r = call $T @read_down(i32 %d1)
                  br label %join
                read:
                  %s = load $T, $P @"jl_sym#x#17", align 8
                  br label %join
                join:
                  %v = phi $T [ %r, %recurse ], [ %s, %read ]
                  ret $T %v
                }
                """.replace("$T", type).replace("$P", pointer);
    }

    @ParameterizedTest
    @CsvSource({
            "symbol-compare.ll,        0, is_x;is_nothing;address_of_x",
            "symbol-compare.ptx.ll,    1, is_x",
            "symbol-compare.amdgpu.ll, 1, is_x",
            "symbol-compare.spirv.ll,  1, is_x"})
    void tableLoweringOfHelperReadsIsStable(String fixture, int addressSpace, String entries) {
        String ir = withSlotInHelpers(Fixtures.runtimeGlobal(fixture));
        List<String> entryPoints = List.of(entries.split(";"));
        String first = null;
        for (int round = 0; round < ROUNDS; round++) {
            try (Context ctx = Context.create(); Module m = ctx.parseText(ir, fixture)) {
                RelocationTable table = new RuntimeGlobalExtraction(Fixtures.runtimeValues(), addressSpace)
                        .extract(m).table();
                RelocationLowering.lower(m, table, RelocationStrategy.TABLE, entryPoints, addressSpace);
                m.verify();
                String text = m.print();
                if (first == null) {
                    first = text;
                    String tableType = addressSpace == 0 ? "ptr" : "ptr addrspace(" + addressSpace + ")";
                    assertTrue(text.contains("@read_down(i32 %depth, " + tableType + " %gpuc_rt_table)"), text);
                    assertTrue(text.contains("call ptr") || text.contains("call ptr addrspace"), text);
                    assertTrue(text.contains("%acc = phi"), text);
                    assertFalse(text.contains("jl_sym#x#17"), "the slot is gone: " + text);
                    assertFalse(text.contains(".gpuc.retyped"), text);
                } else {
                    assertEquals(first, text, "round " + round);
                }
            }
        }
    }

    /** A helper with debug records, which move with the instructions they describe. */
    static final String DEBUG_RECORDS = """
            @"jl_sym#x#17" = private unnamed_addr constant ptr inttoptr (i64 140234567890123 to ptr), align 8
            define internal ptr @read_sym(i32 %n) !dbg !6 {
            entry:
              %s = load ptr, ptr @"jl_sym#x#17", align 8, !dbg !9
                #dbg_value(ptr %s, !10, !DIExpression(), !9)
              %c = icmp eq i32 %n, 0, !dbg !9
              br i1 %c, label %zero, label %other, !dbg !9
            zero:
              br label %join
            other:
              br label %join
            join:
              %v = phi ptr [ %s, %zero ], [ null, %other ], !dbg !9
                #dbg_value(ptr %v, !10, !DIExpression(), !9)
              ret ptr %v, !dbg !9
            }
            define i32 @is_x(ptr %v) !dbg !12 {
              %sym = call ptr @read_sym(i32 0), !dbg !13
              %same = icmp eq ptr %v, %sym
              %r = zext i1 %same to i32
              ret i32 %r
            }
            !llvm.dbg.cu = !{!0}
            !llvm.module.flags = !{!3, !4}
            !0 = distinct !DICompileUnit(language: DW_LANG_C, file: !1, producer: "test", isOptimized: false, runtimeVersion: 0, emissionKind: FullDebug)
            !1 = !DIFile(filename: "k.jl", directory: ".")
            !3 = !{i32 2, !"Dwarf Version", i32 4}
            !4 = !{i32 2, !"Debug Info Version", i32 3}
            !6 = distinct !DISubprogram(name: "read_sym", scope: !1, file: !1, line: 1, type: !7, scopeLine: 1, spFlags: DISPFlagDefinition, unit: !0, retainedNodes: !8)
            !7 = !DISubroutineType(types: !8)
            !8 = !{}
            !9 = !DILocation(line: 2, scope: !6)
            !10 = !DILocalVariable(name: "sym", scope: !6, file: !1, line: 2, type: !11)
            !11 = !DIBasicType(name: "ptr", size: 64, encoding: DW_ATE_address)
            !12 = distinct !DISubprogram(name: "is_x", scope: !1, file: !1, line: 5, type: !7, scopeLine: 5, spFlags: DISPFlagDefinition, unit: !0, retainedNodes: !8)
            !13 = !DILocation(line: 6, scope: !12)
            """;

    @Test
    void debugRecordsSurviveTableLowering() {
        for (int round = 0; round < ROUNDS; round++) {
            try (Context ctx = Context.create(); Module m = ctx.parseText(DEBUG_RECORDS, "dbg.ll")) {
                RelocationTable table = new RuntimeGlobalExtraction(Fixtures.runtimeValues(), 0).extract(m).table();
                RelocationLowering.lower(m, table, RelocationStrategy.TABLE, List.of("is_x"), 0);
                m.verify();
                String text = m.print();
                // %s, the slot read, is now the value read from the table.
                assertTrue(text.matches("(?s).*%(\\d+) = inttoptr i64 %\\d+ to ptr, !dbg !\\d+\\n\\s+#dbg_value\\(ptr %\\1,.*"), text);
                assertTrue(text.contains("#dbg_value(ptr %v,"), text);
                assertFalse(text.contains("@llvm.dbg."), "no debug intrinsics are left behind: " + text);
            }
        }
    }
}
