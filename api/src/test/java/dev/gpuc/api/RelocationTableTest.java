package dev.gpuc.api;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RelocationTableTest {
    static final Slot X = new Slot("gpuc_Symbol_x", "Symbol:x", 0x7f00_0000_1000L, 8, 1);
    static final Slot NOTHING = new Slot("gpuc_nothing", "Core.nothing", 0, 8, 1);
    static final RelocationTable TABLE = new RelocationTable(List.of(X, NOTHING));

    @Test
    void bindsEverySlotInTableOrder() {
        RuntimeValues later = RuntimeValues.of(Map.of("Symbol:x", 0x5555_0000_2000L, "Core.nothing", 0x5555_0000_3000L));
        assertEquals(List.of(new Binding(X, 0x5555_0000_2000L), new Binding(NOTHING, 0x5555_0000_3000L)),
                TABLE.bind(later, RelocationStrategy.PATCH));
        assertEquals(TABLE.bind(later, RelocationStrategy.PATCH), TABLE.bind(later, RelocationStrategy.TABLE));
    }

    @Test
    void aMissingKeyIsUnresolved() {
        RuntimeValues partial = RuntimeValues.of(Map.of("Symbol:x", 0x5555_0000_2000L));
        UnresolvedRuntimeValue e = assertThrows(UnresolvedRuntimeValue.class,
                () -> TABLE.bind(partial, RelocationStrategy.IMPORT));
        assertEquals("Core.nothing", e.key());
        assertEquals("unresolved-runtime-value", e.kind());
        assertTrue(e.getMessage().contains("'Core.nothing' (slot gpuc_nothing) is not known in this session"), e.getMessage());
    }

    @Test
    void bakedAddressesMustStillHold() {
        RuntimeValues same = RuntimeValues.of(Map.of("Symbol:x", X.compileTimeValue(), "Core.nothing", 0L));
        assertEquals(List.of(new Binding(X, X.compileTimeValue()), new Binding(NOTHING, 0)),
                TABLE.bind(same, RelocationStrategy.BAKE));
        RuntimeValues moved = RuntimeValues.of(Map.of("Symbol:x", 0x5555_0000_2000L, "Core.nothing", 0L));
        UnresolvedRuntimeValue e = assertThrows(UnresolvedRuntimeValue.class, () -> TABLE.bind(moved, RelocationStrategy.BAKE));
        assertEquals("Symbol:x", e.key());
        assertTrue(e.getMessage().contains("at 0x7f0000001000 but this session has it at 0x555500002000"), e.getMessage());
    }

    @Test
    void aNullAddressIsAValueNotAMissingKey() {
        // A runtime object may legitimately sit at address 0 (DESIGN.md: null must bind and compare).
        RuntimeValues nulls = RuntimeValues.of(Map.of("Symbol:x", 0L, "Core.nothing", 0x10L));
        assertEquals(List.of(new Binding(X, 0), new Binding(NOTHING, 0x10)), TABLE.bind(nulls, RelocationStrategy.PATCH));
        UnresolvedRuntimeValue e = assertThrows(UnresolvedRuntimeValue.class,
                () -> TABLE.bind(nulls, RelocationStrategy.BAKE));
        assertTrue(e.getMessage().contains("this session has it at 0x0"), e.getMessage());
    }

    @Test
    void anEmptyTableBindsToNothing() {
        assertEquals(List.of(), RelocationTable.EMPTY.bind(RuntimeValues.empty(), RelocationStrategy.BAKE));
    }

    @Test
    void lookupsAndSlotNames() {
        assertEquals(X, TABLE.byKey("Symbol:x").orElseThrow());
        assertEquals(NOTHING, TABLE.byName("gpuc_nothing").orElseThrow());
        assertTrue(TABLE.byKey("nope").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> new Slot("Symbol:x", "Symbol:x", 0, 8, 1));
        assertThrows(IllegalArgumentException.class, () -> new Slot("9lives", "k", 0, 8, 1));
    }
}
