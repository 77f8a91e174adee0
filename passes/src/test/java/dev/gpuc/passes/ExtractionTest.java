package dev.gpuc.passes;

import static org.junit.jupiter.api.Assertions.*;

import dev.gpuc.api.RelocationTable;
import dev.gpuc.api.RuntimeValueMap;
import dev.gpuc.api.Slot;
import dev.gpuc.ir.Context;
import dev.gpuc.ir.Module;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExtractionTest {
    static final List<String> VARIANTS = List.of("symbol-compare.ll", "symbol-compare.ptx.ll",
            "symbol-compare.amdgpu.ll", "symbol-compare.spirv.ll");

    @ParameterizedTest
    @ValueSource(strings = {"symbol-compare.ll", "symbol-compare.ptx.ll", "symbol-compare.amdgpu.ll", "symbol-compare.spirv.ll"})
    void noBakedAddressRemains(String file) {
        RuntimeValueMap values = Fixtures.runtimeValues();
        try (Context ctx = Context.create(); Module m = ctx.parseText(Fixtures.runtimeGlobal(file), file)) {
            String before = m.print();
            assertTrue(before.contains(Long.toString(Fixtures.SYMBOL_X)), "fixture holds the address");
            ExtractionResult r = new RuntimeGlobalExtraction(values).extract(m);
            m.verify();
            String after = m.print();
            assertFalse(after.contains(Long.toString(Fixtures.SYMBOL_X)), after);
            assertFalse(after.contains(Long.toString(Fixtures.NOTHING)), after);
            assertFalse(after.contains("inttoptr"), after);
            assertTrue(r.portable(), () -> r.remaining().toString());
            assertTrue(r.changed());
            Slot x = r.table().byKey("Symbol:x").orElseThrow();
            assertEquals(Fixtures.SYMBOL_X, x.compileTimeValue());
            assertEquals(8, x.size());
            assertTrue(SlotNames.isPortable(x.name()));
            assertTrue(after.contains("@" + x.name() + " = external"), after);
            if (file.equals("symbol-compare.ll")) {
                Slot nothing = r.table().byKey("Core.nothing").orElseThrow();
                assertEquals(Fixtures.NOTHING, nothing.compileTimeValue());
                assertEquals(2, r.table().slots().size());
            }
        }
    }

    @Test
    void slotKeepsTheGlobalsAddressSpaceAndCodeLoadsFromIt() {
        try (Context ctx = Context.create();
             Module m = ctx.parseText(Fixtures.runtimeGlobal("symbol-compare.spirv.ll"), "spirv")) {
            RelocationTable t = new RuntimeGlobalExtraction(Fixtures.runtimeValues(), 1).extract(m).table();
            Slot x = t.byKey("Symbol:x").orElseThrow();
            assertEquals(1, x.addressSpace());
            String text = m.print();
            assertTrue(text.contains("@" + x.name() + " = external addrspace(1) global ptr addrspace(1)"), text);
            assertTrue(text.contains("load ptr addrspace(1), ptr addrspace(1) @" + x.name()), text);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"symbol-compare.ll", "symbol-compare.ptx.ll", "symbol-compare.amdgpu.ll", "symbol-compare.spirv.ll"})
    void idempotent(String file) {
        RuntimeValueMap values = Fixtures.runtimeValues();
        try (Context ctx = Context.create(); Module m = ctx.parseText(Fixtures.runtimeGlobal(file), file)) {
            RuntimeGlobalExtraction pass = new RuntimeGlobalExtraction(values);
            ExtractionResult first = pass.extract(m);
            String once = m.print();
            byte[] onceBitcode = m.bitcode();
            ExtractionResult second = pass.extract(m);
            assertFalse(second.changed());
            assertEquals(once, m.print());
            assertArrayEquals(onceBitcode, m.bitcode());
            assertEquals(first.table(), second.table());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"symbol-compare.ll", "symbol-compare.ptx.ll", "symbol-compare.amdgpu.ll", "symbol-compare.spirv.ll"})
    void laterSessionGivesByteIdenticalModule(String file) {
        RuntimeValueMap values = Fixtures.runtimeValues();
        long delta = 0x1_0000_0000L + 4096;
        String ir = Fixtures.runtimeGlobal(file);
        String later = Fixtures.laterSession(ir, values, delta);
        assertNotEquals(ir, later);
        try (Context a = Context.create(); Context b = Context.create();
             Module first = a.parseText(ir, file); Module second = b.parseText(later, file)) {
            RelocationTable t1 = new RuntimeGlobalExtraction(values).extract(first).table();
            RelocationTable t2 = new RuntimeGlobalExtraction(Fixtures.laterSession(values, delta)).extract(second).table();
            assertEquals(first.print(), second.print());
            assertArrayEquals(first.bitcode(), second.bitcode());
            assertEquals(t1.slots().size(), t2.slots().size());
            for (int i = 0; i < t1.slots().size(); i++) {
                Slot s1 = t1.slots().get(i);
                Slot s2 = t2.slots().get(i);
                assertEquals(s1.name(), s2.name());
                assertEquals(s1.key(), s2.key());
                assertEquals(s1.compileTimeValue() + delta, s2.compileTimeValue());
            }
        }
    }

    @Test
    void unknownAddressIsReportedWithFunctionAndInstruction() {
        String ir = """
                define i1 @f(ptr %v) {
                  %c = icmp eq ptr %v, inttoptr (i64 123456789 to ptr)
                  ret i1 %c
                }
                """;
        try (Context ctx = Context.create(); Module m = ctx.parseText(ir, "u")) {
            ExtractionResult r = new RuntimeGlobalExtraction(Fixtures.runtimeValues()).extract(m);
            assertFalse(r.portable());
            assertFalse(r.changed());
            RemainingAddress a = r.remaining().get(0);
            assertEquals(123456789L, a.address());
            assertEquals("f", a.function());
            assertTrue(a.location().contains("icmp eq ptr %v"), a.location());
            assertEquals("", a.key());
        }
    }
}
