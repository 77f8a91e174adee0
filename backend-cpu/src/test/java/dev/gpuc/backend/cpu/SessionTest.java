package dev.gpuc.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gpuc.api.Artifact;
import dev.gpuc.api.RelocationStrategy;
import dev.gpuc.api.RuntimeValueMap;
import dev.gpuc.api.RuntimeValues;
import dev.gpuc.api.UnresolvedRuntimeValue;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The session test, end to end: corpus/runtime-globals/symbol-compare.ll compiled by the
 * pipeline with session A's addresses (runtime-values.json), kept only as artifact bytes, loaded
 * in session B where the same keys live elsewhere.
 */
class SessionTest {
    static final String X = "Symbol:x";
    static final String NOTHING = "Core.nothing";

    static final RuntimeValues B = RuntimeValues.of(Map.of(X, 0x7f3c_1122_3340L, NOTHING, 0x7f3c_0000_5010L));

    static RuntimeValueMap sessionA() throws Exception {
        return RuntimeValueMap.read(Path.of(System.getProperty("gpuc.corpus"), "runtime-globals/runtime-values.json"));
    }

    static Artifact compileInSessionA(RelocationStrategy strategy) throws Exception {
        return ThroughPipeline.compile("symbol-compare.ll", ThroughPipeline.corpus("runtime-globals/symbol-compare.ll"),
                sessionA(), strategy);
    }

    @ParameterizedTest
    @EnumSource(value = RelocationStrategy.class, names = {"PATCH", "IMPORT"})
    void artifactFromSessionAComputesWithSessionBValues(RelocationStrategy strategy) throws Exception {
        Artifact artifact = compileInSessionA(strategy);
        assertEquals(strategy, artifact.strategy());
        assertEquals(2, artifact.relocations().slots().size(), artifact.relocations().toString());
        assertTrue(artifact.isPersistable());
        long ax = sessionA().addressOf(X).orElseThrow();
        long bx = B.addressOf(X).orElseThrow();
        long bNothing = B.addressOf(NOTHING).orElseThrow();
        try (CpuModule m = new CpuLoader().load(artifact, B)) {
            assertEquals(1, m.callInt("is_x", bx));
            assertEquals(0, m.callInt("is_x", ax));
            assertEquals(1, m.callInt("is_nothing", bNothing));
            assertEquals(0, m.callInt("is_nothing", sessionA().addressOf(NOTHING).orElseThrow()));
            assertEquals(bx, m.callLong("address_of_x"));
        }
    }

    @Test
    void bakedArtifactRefusesAnotherSessionsAddresses() throws Exception {
        Artifact artifact = compileInSessionA(RelocationStrategy.BAKE);
        UnresolvedRuntimeValue e = assertThrows(UnresolvedRuntimeValue.class, () -> new CpuLoader().load(artifact, B));
        assertTrue(e.getMessage().contains("BAKE") && e.getMessage().contains("0x7f3c"), e.getMessage());
        // In its own session the baked artifact is fine.
        long ax = sessionA().addressOf(X).orElseThrow();
        try (CpuModule m = new CpuLoader().load(artifact, sessionA())) {
            assertEquals(1, m.callInt("is_x", ax));
            assertEquals(ax, m.callLong("address_of_x"));
        }
    }

    @Test
    void theCpuBackendsPreferredStrategyIsPortable() throws Exception {
        Artifact artifact = compileInSessionA(null);
        assertEquals(RelocationStrategy.IMPORT, artifact.strategy());
        try (CpuModule m = new CpuLoader().load(artifact, B)) {
            assertEquals(B.addressOf(X).orElseThrow(), m.callLong("address_of_x"));
        }
    }

    @Test
    void aKeyTheSessionLacksIsUnresolved() throws Exception {
        Artifact artifact = compileInSessionA(RelocationStrategy.IMPORT);
        RuntimeValues partial = RuntimeValues.of(Map.of(X, 0x7f00_0000_1000L));
        UnresolvedRuntimeValue e = assertThrows(UnresolvedRuntimeValue.class, () -> new CpuLoader().load(artifact, partial));
        assertEquals(NOTHING, e.key());
    }
}
