package dev.gpuc.backend.spirv;

import static org.junit.jupiter.api.Assertions.*;

import dev.gpuc.api.RelocationTable;
import dev.gpuc.api.Slot;
import dev.gpuc.ir.CallingConvention;
import dev.gpuc.ir.Context;
import dev.gpuc.ir.Module;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlotSetterKernelTest {
    /** Two PATCH-shaped slots; a third slot of the table is gone from the module (dead code). */
    private static final String IR = """
            @sym = addrspace(1) externally_initialized global ptr addrspace(1) null
            @count = addrspace(1) externally_initialized global i32 0
            define spir_kernel void @k(ptr addrspace(1) %out) {
              %p = load ptr addrspace(1), ptr addrspace(1) @sym
              %n = load i32, ptr addrspace(1) @count
              store i32 %n, ptr addrspace(1) %p
              ret void
            }
            """;

    @Test
    void storesEachTableEntryIntoItsSlotByPosition() {
        RelocationTable table = new RelocationTable(List.of(
                new Slot("gone", "K:gone", 1, 8, 1),
                new Slot("sym", "K:sym", 2, 8, 1),
                new Slot("count", "K:count", 3, 4, 1)));
        try (Context ctx = Context.create(); Module m = ctx.parseText(IR, "k.ll")) {
            SlotSetterKernel.add(m, table, 1);
            m.verify();
            var setter = m.function(SlotSetterKernel.NAME).orElseThrow();
            assertEquals(CallingConvention.SPIR_KERNEL, setter.callingConvention());
            String text = setter.toString();
            assertTrue(text.contains("getelementptr i64, ptr addrspace(1) %0, i64 1"), text);
            assertTrue(text.contains("inttoptr i64 %sym_value to ptr addrspace(1)"), text);
            assertTrue(text.contains("store ptr addrspace(1) %sym, ptr addrspace(1) @sym"), text);
            assertTrue(text.contains("getelementptr i64, ptr addrspace(1) %0, i64 2"), text);
            assertTrue(text.contains("trunc i64 %count_value to i32"), text);
            assertTrue(text.contains("store i32 %count, ptr addrspace(1) @count"), text);
            assertFalse(text.contains("i64 0"), "the missing slot's entry is not read: " + text);
        }
    }
}
