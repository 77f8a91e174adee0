package dev.gpuc.passes;

import static org.junit.jupiter.api.Assertions.*;

import dev.gpuc.api.RelocationStrategy;
import dev.gpuc.api.RelocationTable;
import dev.gpuc.api.RuntimeValues;
import dev.gpuc.api.UnsupportedFeature;
import dev.gpuc.ir.CodeGenFileType;
import dev.gpuc.ir.Context;
import dev.gpuc.ir.Module;
import dev.gpuc.ir.TargetMachine;
import dev.gpuc.ir.TargetMachineSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RelocationLoweringTest {
    static final long A = 0x7f00_1234_5670L;
    static final long B = 0x7f00_1234_9990L;
    static final RuntimeValues VALUES = RuntimeValues.of(Map.of("Symbol:a", A, "Symbol:b", B));

    /** A kernel calling a helper that reads a slot; the kernel reads another one itself. */
    static final String CALLS = """
            @ga = private constant ptr addrspace(1) inttoptr (i64 $A to ptr addrspace(1))
            define internal i1 @helper(ptr addrspace(1) %v) {
              %a = load ptr addrspace(1), ptr @ga
              %c = icmp eq ptr addrspace(1) %v, %a
              ret i1 %c
            }
            define void @k(ptr addrspace(1) %v, ptr %out) {
              %c = call i1 @helper(ptr addrspace(1) %v)
              %d = icmp eq ptr addrspace(1) %v, inttoptr (i64 $B to ptr addrspace(1))
              %e = or i1 %c, %d
              store i1 %e, ptr %out
              ret void
            }
            """.replace("$A", Long.toString(A)).replace("$B", Long.toString(B));

    private static String lowered(String ir, RelocationStrategy strategy) {
        try (Context ctx = Context.create(); Module m = ctx.parseText(ir, "t")) {
            RelocationTable t = new RuntimeGlobalExtraction(VALUES, 1).extract(m).table();
            RelocationLowering.lower(m, t, strategy, List.of("k"), 1);
            m.verify();
            return m.print();
        }
    }

    @Test
    void bakeInlinesTheValuesAndDropsTheSlots() {
        String text = lowered(CALLS, RelocationStrategy.BAKE);
        assertTrue(text.contains("inttoptr (i64 " + A + " to ptr addrspace(1))"), text);
        assertTrue(text.contains("inttoptr (i64 " + B + " to ptr addrspace(1))"), text);
        assertFalse(text.contains("@gpuc_rt_Symbol_a"), text);
    }

    @Test
    void patchDefinesVisibleExternallyInitialisedSlots() {
        String text = lowered(CALLS, RelocationStrategy.PATCH);
        assertTrue(text.matches("(?s).*@gpuc_rt_Symbol_a_\\w+ = externally_initialized global ptr addrspace\\(1\\) null.*"), text);
        assertTrue(text.matches("(?s).*@gpuc_rt_Symbol_b_\\w+ = addrspace\\(1\\) externally_initialized global ptr addrspace\\(1\\) null.*"), text);
        assertFalse(text.contains(Long.toString(A)));
    }

    @Test
    void importMakesTheSymbolAddressTheValue() {
        String text = lowered(CALLS, RelocationStrategy.IMPORT);
        assertTrue(text.matches("(?s).*@gpuc_rt_Symbol_a_\\w+ = extern_weak global i8\\n.*"), text);
        assertTrue(text.matches("(?s).*@gpuc_rt_Symbol_b_\\w+ = extern_weak addrspace\\(1\\) global i8\\n.*"), text);
        assertFalse(text.contains("dso_local"), text);
        assertFalse(text.matches("(?s).*load ptr addrspace\\(1\\), ptr( addrspace\\(1\\))? @gpuc_rt.*"), text);
        assertTrue(text.matches("(?s).*icmp eq ptr addrspace\\(1\\) %v, addrspacecast \\(ptr @gpuc_rt_Symbol_a_\\w+ to ptr addrspace\\(1\\)\\).*"), text);
        assertTrue(text.matches("(?s).*icmp eq ptr addrspace\\(1\\) %v, @gpuc_rt_Symbol_b_\\w+\\n.*"), text);
    }

    @Test
    void tableThreadsTheTableThroughCallsAndIndexesIt() {
        String text = lowered(CALLS, RelocationStrategy.TABLE);
        assertTrue(text.contains("define void @k(ptr addrspace(1) %v, ptr %out, ptr addrspace(1) %gpuc_rt_table)"), text);
        assertTrue(text.contains("define internal i1 @helper(ptr addrspace(1) %v, ptr addrspace(1) %gpuc_rt_table)"), text);
        assertTrue(text.contains("call i1 @helper(ptr addrspace(1) %v, ptr addrspace(1) %gpuc_rt_table)"), text);
        // Symbol:a is slot 0 (its global comes first), Symbol:b slot 1.
        assertTrue(text.contains("getelementptr inbounds i64, ptr addrspace(1) %gpuc_rt_table, i64 0"), text);
        assertTrue(text.contains("getelementptr inbounds i64, ptr addrspace(1) %gpuc_rt_table, i64 1"), text);
        assertFalse(text.contains("@gpuc_rt_Symbol"), "slots are gone: " + text);
    }

    @Test
    void tableGivesEveryEntryPointTheParameterEvenWithoutSlots() {
        String text = lowered("define void @k() {\n  ret void\n}\n", RelocationStrategy.TABLE);
        assertTrue(text.contains("define void @k(ptr addrspace(1) %gpuc_rt_table)"), text);
    }

    @ParameterizedTest
    @EnumSource(value = RelocationStrategy.class, names = {"BAKE", "PATCH", "IMPORT", "TABLE"})
    void everyFormCompilesForTheHost(RelocationStrategy strategy) {
        try (Context ctx = Context.create(); Module m = ctx.parseText(CALLS, "t");
             TargetMachine tm = TargetMachine.create(TargetMachineSpec.of("x86_64-unknown-linux-gnu", "", "")
                     .withRelocModel(TargetMachineSpec.RelocModel.PIC))) {
            tm.configure(m);
            RelocationTable t = new RuntimeGlobalExtraction(VALUES, 1).extract(m).table();
            RelocationLowering.lower(m, t, strategy, List.of("k"), 1);
            m.runPasses("default<O2>", tm, false);
            m.verify();
            byte[] object = tm.emit(m, CodeGenFileType.OBJECT);
            // Codegen may materialise one address and reach the other by an offset.
            boolean baked = Fixtures.containsLittleEndian(object, A) || Fixtures.containsLittleEndian(object, B);
            assertEquals(strategy == RelocationStrategy.BAKE, baked);
        }
    }

    /** The global's address escapes (passed to a call), so the global itself becomes the slot. */
    static final String ESCAPING = """
            @ga = private constant ptr inttoptr (i64 $A to ptr)
            declare void @sink(ptr)
            define void @k() {
              call void @sink(ptr @ga)
              ret void
            }
            """.replace("$A", Long.toString(A));

    @ParameterizedTest
    @EnumSource(value = RelocationStrategy.class, names = {"IMPORT", "TABLE"})
    void aSlotWhoseAddressEscapesCannotBeImportedOrTabled(RelocationStrategy strategy) {
        UnsupportedFeature e = assertThrows(UnsupportedFeature.class, () -> lowered(ESCAPING, strategy));
        assertTrue(e.getMessage().contains("Symbol:a"), e.getMessage());
        assertTrue(e.getMessage().contains("call void @sink"), e.getMessage());
    }

    @Test
    void aSlotWhoseAddressEscapesStillWorksUnderPatchAndBake() {
        assertTrue(lowered(ESCAPING, RelocationStrategy.PATCH).contains("call void @sink(ptr @gpuc_rt_Symbol_a"));
        String baked = lowered(ESCAPING, RelocationStrategy.BAKE);
        assertTrue(baked.matches("(?s).*@gpuc_rt_Symbol_a_\\w+ = private constant ptr inttoptr \\(i64 " + A + " to ptr\\).*"), baked);
    }

    @Test
    void tableRefusesAFunctionReadingSlotsWhoseAddressIsTaken() {
        String ir = """
                @ga = private constant ptr inttoptr (i64 $A to ptr)
                @table = global ptr @reader
                define internal ptr @reader() {
                  %a = load ptr, ptr @ga
                  ret ptr %a
                }
                define void @k() {
                  ret void
                }
                """.replace("$A", Long.toString(A));
        UnsupportedFeature e = assertThrows(UnsupportedFeature.class, () -> lowered(ir, RelocationStrategy.TABLE));
        assertTrue(e.getMessage().contains("@reader"), e.getMessage());
    }
}
