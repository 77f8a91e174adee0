package dev.gpuc.passes;

import static org.junit.jupiter.api.Assertions.*;

import dev.gpuc.ir.Context;
import dev.gpuc.ir.Instruction;
import dev.gpuc.ir.Module;
import dev.gpuc.ir.VerificationException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PassFrameworkTest {
    static final String IR = """
            define internal void @dead() {
              ret void
            }
            define i32 @live(i32 %a) {
              %b = add i32 %a, 0
              ret i32 %b
            }
            """;

    @Test
    void pipelinesAreDataThatPrint() {
        Pipeline p = Pipeline.of(Pass.llvm("globaldce"), Pass.of("mine", m -> false));
        assertEquals("globaldce,mine", p.toString());
        Pipeline longer = p.then(Pass.llvm("instcombine"));
        assertEquals("globaldce,mine", p.toString(), "then() leaves the original alone");
        assertEquals("globaldce,mine,instcombine", longer.toString());
        assertEquals("default<O2>", StandardPipelines.optimization(2, null).toString());
        assertEquals("default<O3>,function(instcombine)",
                StandardPipelines.optimization(3, null, "function(instcombine)").toString());
        assertEquals("default<O0>", StandardPipelines.optimization(0, null, " ").toString());
        assertThrows(IllegalArgumentException.class, () -> StandardPipelines.optimizationText(4));
    }

    @Test
    void llvmPipelineReportsWhetherItChangedTheModuleWhenTracking() {
        try (Context ctx = Context.create(); Module m = ctx.parseText(IR, "m")) {
            Pass dce = Pass.llvm("globaldce");
            assertTrue(dce.runTrackingChanges(m));
            assertTrue(m.function("dead").isEmpty());
            assertFalse(dce.runTrackingChanges(m));
        }
    }

    @Test
    void untrackedLlvmPipelineSaysMaybeWithoutComparingBitcode() {
        try (Context ctx = Context.create(); Module m = ctx.parseText(IR, "m")) {
            Pass dce = Pass.llvm("globaldce");
            assertTrue(dce.run(m));
            assertTrue(m.function("dead").isEmpty());
            assertTrue(dce.run(m), "without tracking an LLVM pipeline can only say it may have changed the module");
        }
    }

    @Test
    void timingReportListsEveryLeafPassWithItsChangeFlag() {
        PassInstrumentation instrumentation = new PassInstrumentation(InstrumentationOptions.OFF.withTimePasses(true));
        try (Context ctx = Context.create(); Module m = ctx.parseText(IR, "m")) {
            Pipeline inner = Pipeline.of(Pass.llvm("globaldce"), Pass.of("noop", x -> false));
            Pipeline.of(inner, Pass.llvm("instcombine")).run(m, instrumentation);
        }
        TimingReport report = instrumentation.report();
        assertEquals(List.of("globaldce", "noop", "instcombine"), report.timings().stream().map(PassTiming::pass).toList());
        assertEquals(List.of(true, false, true), report.timings().stream().map(PassTiming::changed).toList());
        String text = report.format();
        assertTrue(text.contains("Pass execution timing report"), text);
        assertTrue(text.contains("Total Execution Time:"), text);
        assertTrue(text.lines().anyMatch(l -> l.endsWith("  Total") && l.contains("100.0%")), text);
        assertTrue(text.lines().anyMatch(l -> l.endsWith("noop") && l.contains(" no ")), text);
    }

    @Test
    void timingIsOffByDefault() {
        PassInstrumentation off = PassInstrumentation.off();
        try (Context ctx = Context.create(); Module m = ctx.parseText(IR, "m")) {
            Pipeline.of(Pass.llvm("globaldce")).run(m, off);
        }
        assertTrue(off.report().timings().isEmpty());
    }

    @Test
    void verifyEachNamesThePassThatBrokeTheModule() {
        Pass breaker = Pass.of("breaker", m -> {
            Instruction ret = m.function("live").orElseThrow().instructions().get(1);
            ret.erase();
            return true;
        });
        try (Context ctx = Context.create(); Module m = ctx.parseText(IR, "m")) {
            PassInstrumentation verifying = new PassInstrumentation(InstrumentationOptions.OFF.withVerifyEach(true));
            VerificationException e = assertThrows(VerificationException.class,
                    () -> Pipeline.of(Pass.of("fine", x -> false), breaker).run(m, verifying));
            assertTrue(e.getMessage().contains("'breaker'"), e.getMessage());
        }
    }

    @Test
    void printAfterEachShowsTheModuleAfterEveryPass() {
        List<String> printed = new ArrayList<>();
        try (Context ctx = Context.create(); Module m = ctx.parseText(IR, "m")) {
            Pipeline.of(Pass.llvm("globaldce"), Pass.llvm("instcombine"))
                    .run(m, new PassInstrumentation(InstrumentationOptions.OFF.withPrintAfterEach(printed::add)));
        }
        assertEquals(2, printed.size());
        assertTrue(printed.get(0).startsWith("; after globaldce\n"));
        assertFalse(printed.get(0).contains("@dead"));
        assertTrue(printed.get(0).contains("add i32 %a, 0"));
        assertFalse(printed.get(1).contains("add i32 %a, 0"), "instcombine folded the add");
    }
}
