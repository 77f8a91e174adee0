package dev.gpuc.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gpuc.api.Artifact;
import dev.gpuc.api.RelocationStrategy;
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
    static final String X = SessionTest.X;
    static final String NOTHING = SessionTest.NOTHING;
    /** The corpus module's compile-time addresses, as decimal in its text. */
    static final long A_X = 0x7f8ae79ab4cbL;
    static final long A_NOTHING = 0x7f8ae7225010L;

    /** symbol-compare.ll plus a null check on the :x object itself. */
    static String source() throws Exception {
        return ThroughPipeline.corpus("runtime-globals/symbol-compare.ll") + """
                define i32 @x_is_null() {
                entry:
                  %sym = load ptr, ptr @"jl_sym#x#17", align 8
                  %null = icmp eq ptr %sym, null
                  %r = zext i1 %null to i32
                  ret i32 %r
                }
                """;
    }

    static Stream<Arguments> cases() {
        return Stream.of(RelocationStrategy.BAKE, RelocationStrategy.PATCH, RelocationStrategy.IMPORT)
                .flatMap(s -> Stream.of(0x7fff_f7a1_2340L, 0x10L, 0L).map(v -> Arguments.of(s, v)));
    }

    @ParameterizedTest(name = "{0} binds {1}")
    @MethodSource("cases")
    void slotComparesEqualToExactlyTheBoundValue(RelocationStrategy strategy, long x) throws Exception {
        long other = x == 0x10L ? 0x20L : 0x10L;
        RuntimeValues session = RuntimeValues.of(Map.of(X, x, NOTHING, other));
        Artifact artifact;
        if (strategy == RelocationStrategy.BAKE) {
            // BAKE runs only in the session that compiled it: the front end emits this session's addresses.
            String here = source().replace(Long.toString(A_X), Long.toString(x)).replace(Long.toString(A_NOTHING),
                    Long.toString(other));
            artifact = ThroughPipeline.compile("symbol-compare.ll", here, session, strategy);
        } else {
            artifact = ThroughPipeline.compile("symbol-compare.ll", source(),
                    RuntimeValues.of(Map.of(X, A_X, NOTHING, A_NOTHING)), strategy);
        }
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

    @Test
    void theHandWrittenExternWeakFormHoldsNullToo() {
        RuntimeValues nulls = RuntimeValues.of(Map.of(X, 0L, NOTHING, 0x10L));
        try (CpuModule m = new CpuLoader().load(ImportForms.EXTERN_WEAK.compile(nulls), nulls)) {
            assertEquals(0L, m.callLong("address_of_x"));
            assertEquals(1, m.callInt("x_is_null"));
        }
    }

    /** The control for {@code extern_weak}: without it the null check is folded away. */
    @Test
    void aPlainExternalImportIsAssumedNonNull() {
        RuntimeValues nulls = RuntimeValues.of(Map.of(X, 0L, NOTHING, 0x10L));
        try (CpuModule m = new CpuLoader().load(ImportForms.EXTERNAL.compile(nulls), nulls)) {
            assertEquals(0L, m.callLong("address_of_x"));
            assertEquals(0, m.callInt("x_is_null"), "LLVM folds the null check of a non-weak symbol");
        }
    }
}
