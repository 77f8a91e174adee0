package dev.gpuc.backend.ptx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gpuc.api.Artifact;
import dev.gpuc.api.CompileJob;
import dev.gpuc.api.RelocationStrategy;
import dev.gpuc.api.RuntimeValueMap;
import dev.gpuc.api.Slot;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The runtime-globals PTX variant: extraction, PATCH and TABLE slots, no baked address left. */
class RuntimeGlobalsTest {
    /** The compile-time address of :x in runtime-values.json / symbol-compare.ptx.ll. */
    static final long X = 140234567890123L;

    static CompileJob job(String arch, RelocationStrategy strategy) throws IOException {
        return CompileJob.builder(Ptx.source("runtime-globals/symbol-compare.ptx.ll"), Ptx.target(arch))
                .runtimeValues(RuntimeValueMap.read(Ptx.corpus("runtime-globals/runtime-values.json")))
                .relocation(strategy).build();
    }

    @ParameterizedTest(name = "{1} for {0}")
    @CsvSource({"sm_70,PATCH", "sm_80,PATCH", "sm_90,PATCH", "sm_90a,PATCH", "sm_70,TABLE", "sm_80,TABLE",
            "sm_90,TABLE", "sm_90a,TABLE"})
    void theSlotReplacesTheAddressAndPtxasAccepts(String arch, RelocationStrategy strategy) throws IOException {
        Artifact a = Ptx.compile(job(arch, strategy));
        String ptx = Ptx.text(a.primary());
        assertEquals(strategy, a.strategy());
        assertTrue(a.isPersistable(), "a portable strategy gives a persistable artifact");
        Slot slot = a.relocations().byKey("Symbol:x").orElseThrow();
        assertEquals(X, slot.compileTimeValue());
        assertEquals(8, slot.size());
        // Neither the decimal nor the hexadecimal form of the session's address survives.
        for (String form : List.of(Long.toString(X), Long.toHexString(X), Long.toHexString(X).toUpperCase(Locale.ROOT))) {
            assertFalse(ptx.contains(form), form + " found in\n" + ptx);
        }
        if (strategy == RelocationStrategy.PATCH) {
            assertTrue(ptx.contains(".visible .global .align 8 .u64 " + slot.name() + ";"), ptx);
            assertTrue(ptx.contains("ld.global.u64") && ptx.contains("[" + slot.name() + "]"), ptx);
        } else {
            assertFalse(ptx.contains(slot.name()), "TABLE leaves no slot global\n" + ptx);
            assertTrue(ptx.contains("is_x_param_2"), "the hidden table parameter is missing\n" + ptx);
        }
        assertEquals("is_x", a.entryPoints().get(0).symbol());
        Ptx.assemble(ptx, ComputeCapability.parse(arch));
    }

    @ParameterizedTest(name = "BAKE for {0}")
    @CsvSource({"sm_80"})
    void bakeInlinesTheAddress(String arch) throws IOException {
        Artifact a = Ptx.compile(job(arch, RelocationStrategy.BAKE));
        String ptx = Ptx.text(a.primary());
        assertFalse(a.isPersistable());
        assertTrue(ptx.contains(Long.toString(X)), "BAKE compares against the address itself\n" + ptx);
        Ptx.assemble(ptx, ComputeCapability.parse(arch));
    }
}
