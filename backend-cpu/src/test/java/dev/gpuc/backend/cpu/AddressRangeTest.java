package dev.gpuc.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gpuc.api.Artifact;
import dev.gpuc.api.ArtifactCodec;
import dev.gpuc.api.RelocationStrategy;
import dev.gpuc.api.RelocationTable;
import dev.gpuc.backend.cpu.SymbolCompare.ImportForm;
import dev.gpuc.api.RuntimeValues;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every strategy binds a far address (beyond a 32-bit displacement from the code), a small one
 * and null, and the code compares against exactly that value. Null is the trap for IMPORT (the
 * optimiser assumes a plain external symbol is non-null; {@code extern_weak} stops it), far
 * addresses the trap for {@code dso_local} imports.
 */
class AddressRangeTest {
    static Stream<Arguments> cases() {
        return Stream.of(RelocationStrategy.BAKE, RelocationStrategy.PATCH, RelocationStrategy.IMPORT)
                .flatMap(s -> Stream.of(0x7fff_f7a1_2340L, 0x10L, 0L).map(v -> Arguments.of(s, v)));
    }

    @ParameterizedTest(name = "{0} binds 0x{1}")
    @MethodSource("cases")
    void slotComparesEqualToExactlyTheBoundValue(RelocationStrategy strategy, long x) {
        long other = x == 0x10L ? 0x20L : 0x10L;
        RuntimeValues session = RuntimeValues.of(Map.of(SymbolCompare.X, x, SymbolCompare.NOTHING, other));
        // BAKE can only be loaded in the session it was compiled in; the others are compiled
        // with unrelated addresses to show the value comes from the loader.
        RuntimeValues compileTime = strategy == RelocationStrategy.BAKE ? session
                : RuntimeValues.of(Map.of(SymbolCompare.X, 0x7f00_dead_0000L, SymbolCompare.NOTHING, 0x7f00_beef_0000L));
        Artifact artifact = ArtifactCodec.decode(ArtifactCodec.encode(SymbolCompare.compile(strategy, compileTime)), "t");
        try (CpuModule m = new CpuLoader().load(artifact, session)) {
            assertEquals(x, m.callLong("address_of_x"));
            assertEquals(1, m.callInt("is_x", x));
            assertEquals(0, m.callInt("is_x", x + 8));
            assertEquals(0, m.callInt("is_x", other));
            assertEquals(1, m.callInt("is_nothing", other));
            assertEquals(x == 0 ? 1 : 0, m.callInt("is_x", (Object) null));
            assertEquals(x == 0 ? 1 : 0, m.callInt("x_is_null"));
        }
    }

    /** The control for {@code extern_weak}: without it the null check is folded away. */
    @Test
    void aPlainExternalImportIsAssumedNonNull() {
        RuntimeValues nulls = RuntimeValues.of(Map.of(SymbolCompare.X, 0L, SymbolCompare.NOTHING, 0x10L));
        RelocationTable table = SymbolCompare.table(nulls);
        Artifact artifact = HostCompiler.compile(SymbolCompare.ir(RelocationStrategy.IMPORT, table, ImportForm.EXTERNAL),
                SymbolCompare.ENTRIES, RelocationStrategy.IMPORT, table);
        try (CpuModule m = new CpuLoader().load(artifact, nulls)) {
            assertEquals(0L, m.callLong("address_of_x"));
            assertEquals(0, m.callInt("x_is_null"), "LLVM folds the null check of a non-weak symbol");
        }
    }
}
