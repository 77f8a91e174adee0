package dev.gpuc.passes;

import static org.junit.jupiter.api.Assertions.*;

import dev.gpuc.api.RelocationTable;
import dev.gpuc.api.RuntimeValues;
import dev.gpuc.api.Slot;
import dev.gpuc.ir.Context;
import dev.gpuc.ir.Module;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random modules with N runtime addresses spread over globals and instructions, emitted by two
 * sessions with different addresses: after extraction the modules are byte-identical and the
 * tables differ only in compile-time values.
 */
class ExtractionPropertyTest {
    static LongStream seeds() {
        return LongStream.rangeClosed(1, 40);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void twoSessionsGiveIdenticalModulesAndTables(long seed) {
        int n = 1 + new Random(seed).nextInt(12);
        RandomRuntimeModules gen = new RandomRuntimeModules(seed, n);
        RandomRuntimeModules.Session s1 = gen.session(0);
        RandomRuntimeModules.Session s2 = gen.session(1);
        try (Context c1 = Context.create(); Context c2 = Context.create();
             Module m1 = c1.parseText(s1.ir(), "s1"); Module m2 = c2.parseText(s2.ir(), "s2")) {
            ExtractionResult r1 = new RuntimeGlobalExtraction(RuntimeValues.of(s1.values())).extract(m1);
            ExtractionResult r2 = new RuntimeGlobalExtraction(RuntimeValues.of(s2.values())).extract(m2);
            m1.verify();
            m2.verify();
            assertTrue(r1.portable(), () -> r1.remaining() + "\n" + s1.ir());
            assertTrue(r2.portable(), () -> r2.remaining().toString());
            // Module identifiers are where the IR came from; the pipeline normalises them.
            String p1 = m1.print().replaceFirst("(?m)^; ModuleID = .*\\n", "").replaceFirst("source_filename = \".*\"", "");
            String p2 = m2.print().replaceFirst("(?m)^; ModuleID = .*\\n", "").replaceFirst("source_filename = \".*\"", "");
            assertEquals(p1, p2);
            for (long a : s1.values().values()) {
                assertFalse(p1.contains(Long.toString(a)), () -> "address " + a + " left in\n" + p1);
            }
            for (Module m : new Module[] {m1, m2}) {
                org.bytedeco.llvm.global.LLVM.LLVMSetSourceFileName(m.unwrap(), "same", 4);
                org.bytedeco.llvm.global.LLVM.LLVMSetModuleIdentifier(m.unwrap(), "same", 4);
            }
            assertArrayEquals(m1.bitcode(), m2.bitcode());
            assertEquals(n, r1.table().slots().size(), "one slot per distinct key");
            assertTablesEqualButValues(r1.table(), r2.table());
            for (Slot s : r1.table().slots()) {
                assertEquals(s1.values().get(s.key()), s.compileTimeValue());
                assertTrue(SlotNames.isPortable(s.name()));
            }
            for (Slot s : r2.table().slots()) {
                assertEquals(s2.values().get(s.key()), s.compileTimeValue());
            }
            ExtractionResult again = new RuntimeGlobalExtraction(RuntimeValues.of(s1.values())).extract(m1);
            assertFalse(again.changed());
            assertEquals(r1.table(), again.table());
        }
    }

    private static void assertTablesEqualButValues(RelocationTable a, RelocationTable b) {
        assertEquals(a.slots().size(), b.slots().size());
        for (int i = 0; i < a.slots().size(); i++) {
            Slot x = a.slots().get(i);
            Slot y = b.slots().get(i);
            assertEquals(new Slot(x.name(), x.key(), 0, x.size(), x.addressSpace()),
                    new Slot(y.name(), y.key(), 0, y.size(), y.addressSpace()));
        }
    }
}
