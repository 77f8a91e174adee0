package dev.gpuc.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gpuc.api.Artifact;
import dev.gpuc.api.ArtifactCodec;
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
 * The session test: an artifact compiled with session A's addresses, kept only as bytes,
 * loaded in session B where the same keys live elsewhere.
 */
class SessionTest {
    static RuntimeValueMap sessionA() throws Exception {
        return RuntimeValueMap.read(Path.of(System.getProperty("gpuc.corpus"), "runtime-globals/runtime-values.json"));
    }

    static final RuntimeValues B = RuntimeValues.of(Map.of(
            SymbolCompare.X, 0x7f3c_1122_3340L,
            SymbolCompare.NOTHING, 0x7f3c_0000_5010L));

    static Artifact roundTrip(Artifact artifact) {
        return ArtifactCodec.decode(ArtifactCodec.encode(artifact), "session-test");
    }

    @ParameterizedTest
    @EnumSource(value = RelocationStrategy.class, names = {"PATCH", "IMPORT"})
    void artifactFromSessionAComputesWithSessionBValues(RelocationStrategy strategy) throws Exception {
        RuntimeValueMap a = sessionA();
        Artifact artifact = roundTrip(SymbolCompare.compile(strategy, a));
        long bx = B.addressOf(SymbolCompare.X).orElseThrow();
        long bNothing = B.addressOf(SymbolCompare.NOTHING).orElseThrow();
        try (CpuModule m = new CpuLoader().load(artifact, B)) {
            assertEquals(1, m.callInt("is_x", bx));
            assertEquals(0, m.callInt("is_x", a.addressOf(SymbolCompare.X).orElseThrow()));
            assertEquals(1, m.callInt("is_nothing", bNothing));
            assertEquals(0, m.callInt("is_nothing", bx));
            assertEquals(bx, m.callLong("address_of_x"));
        }
    }

    @Test
    void bakedArtifactRefusesAnotherSessionsAddresses() throws Exception {
        RuntimeValueMap a = sessionA();
        Artifact artifact = roundTrip(SymbolCompare.compile(RelocationStrategy.BAKE, a));
        UnresolvedRuntimeValue e = assertThrows(UnresolvedRuntimeValue.class, () -> new CpuLoader().load(artifact, B));
        assertTrue(e.getMessage().contains("BAKE") && e.getMessage().contains("0x7f3c11223340"), e.getMessage());
        // In its own session the baked artifact is fine.
        try (CpuModule m = new CpuLoader().load(artifact, a)) {
            assertEquals(1, m.callInt("is_x", a.addressOf(SymbolCompare.X).orElseThrow()));
            assertEquals(a.addressOf(SymbolCompare.X).orElseThrow(), m.callLong("address_of_x"));
        }
    }

    @Test
    void aKeyTheSessionLacksIsUnresolved() throws Exception {
        Artifact artifact = roundTrip(SymbolCompare.compile(RelocationStrategy.IMPORT, sessionA()));
        RuntimeValues partial = RuntimeValues.of(Map.of(SymbolCompare.X, 0x7f00_0000_1000L));
        UnresolvedRuntimeValue e = assertThrows(UnresolvedRuntimeValue.class, () -> new CpuLoader().load(artifact, partial));
        assertEquals(SymbolCompare.NOTHING, e.key());
    }
}
